#!/usr/bin/env bash
# Benchmark: publication of bursts of 1,000 and 10,000 events by project-service to a real Kafka broker,
# with the MongoDB stand-in as event store. Prints one BENCHMARK line per burst size.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl project-service -am package -DskipTests=false -Dgroups=benchmark -Dsurefire.excludedGroups=none \
    -Dtest=PublicationBurstBenchmark -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'BENCHMARK|FAIL|ERROR' || true
