#!/usr/bin/env bash
# Benchmark: writing the report workbooks (xlsx) with fastexcel, Apache POI XSSF and POI SXSSF, for a 250-row
# portfolio table and a 10,000-row sheet. Prints one BENCHMARK line per writer and size: median time, bytes
# allocated by the writing thread, heap peak, workbook size. reporting-service's Xlsx uses the writer it picked.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl reporting-service -am verify -DskipITs -Dgroups=benchmark -Dsurefire.excludedGroups=none \
    -Dtest=XlsxWritersBenchmark -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'BENCHMARK|FAIL|ERROR' || true
