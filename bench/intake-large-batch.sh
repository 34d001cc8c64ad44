#!/usr/bin/env bash
# Benchmark: a joint-office intake batch at the row limit (10,000 rows) and its monthly resend, through
# project-service's REST intake with the MongoDB stand-in as event store. Prints one BENCHMARK line per batch.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl project-service -am package -DskipTests=false -Dgroups=benchmark -Dsurefire.excludedGroups=none \
    -Dtest=IntakeLargeBatchBenchmark -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'BENCHMARK|FAIL|ERROR' || true
