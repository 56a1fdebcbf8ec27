#!/bin/sh
# stands in for a game server: UDP and TCP on 27015
exec sleep infinity
