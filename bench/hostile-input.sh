#!/usr/bin/env bash
# The hostile-input suite in full: the same HostileInputIT that CI runs with 4 hostile values per field, here with
# TRIES (default 40) per field. Prints the table per channel (tried, accepted, 4xx, 5xx, parked, refused-but-changed,
# workers died); the services' logs are in system-tests/target/services/.
#
#   bench/hostile-input.sh          40 values per field
#   TRIES=200 bench/hostile-input.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -pl system-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=HostileInputIT -Dhostile.tries="${TRIES:-40}" 2>&1 \
  | sed -n '/^channel /,/^$/p; /Tests run:.*HostileInputIT/p; /BUILD/p'
