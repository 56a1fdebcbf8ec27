#!/bin/sh
id -u > /opt/svc/data/last-uid
