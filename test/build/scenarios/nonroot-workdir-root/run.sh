#!/bin/sh
echo "running as $(id -u)"
