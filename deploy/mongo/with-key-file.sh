#!/usr/bin/env bash
# Entrypoint wrapper of compose.yaml's MongoDB members: writes the replica set's internal key file from
# MONGO_REPLICA_SET_KEY (readable by mongod's user only, as mongod demands), then hands over to the image's entrypoint
# with the given command (mongod ... --keyFile /tmp/mongo-key-file). The members authenticate each other with it;
# clients need a user (the entrypoint creates root from MONGO_INITDB_ROOT_* on the first start).
set -euo pipefail
: "${MONGO_REPLICA_SET_KEY:?MONGO_REPLICA_SET_KEY is not set}"
key_file=/tmp/mongo-key-file
umask 077
printf '%s\n' "$MONGO_REPLICA_SET_KEY" > "$key_file"
chmod 400 "$key_file"
chown mongodb:mongodb "$key_file"
exec docker-entrypoint.sh "$@"
