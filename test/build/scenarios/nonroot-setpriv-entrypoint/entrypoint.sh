#!/bin/sh
set -e
# root prepares the runtime folder, then the command runs as worker
install -d -o worker /run/worker
exec setpriv --reuid=worker --regid=worker --init-groups "$@"
