#!/bin/sh
set -e
# starts as root to fix the data folder, then drops to the service user
mkdir -p /data && chown cache /data
exec gosu cache "$@"
