#!/usr/bin/env bash
# The performance suite (issue 14, README "Performance"): one command, every metric beside its limit measured in the
# same run against the same servers, one table printed, target/bench/results.json written.
#
#   bench/run.sh            the full run (REST rounds of 10k events, backlogs of 10k and 100k; about 18 minutes on 2 cores)
#   bench/run.sh --quick    a tenth of the sizes (a few minutes)
#   bench/run.sh --smoke    the smallest size (CI: .ci/run checks only that every metric was produced)
#   bench/run.sh --in-memory ...        the MongoDB stand-in in memory instead of file-backed
#   bench/run.sh --no-build ...         skip the build (the jars in */target are used)
#   bench/run.sh --previous=FILE ...    M7 beside a previous results file's (e.g. bench/results/quick.json)
#
# Needs Java 17 and Maven only: it builds the services, local-stack's launcher classes and bench/ (no tests), then
# starts the stack as local-stack/run.sh does (file-backed MongoDB stand-in, in-JVM Kafka, the three services as
# processes) in target/bench/stack and measures.
set -euo pipefail
cd "$(dirname "$0")/.."

source local-stack/build-option.sh "$@"

if [ "$build" = yes ]; then
  echo "Building the services, the launcher and the suite: ./mvnw -B -q -pl bench -am -DskipTests package ..."
  ./mvnw -B -ntp -q -Dstyle.color=never -pl bench -am -DskipTests package
fi
if [ ! -f bench/target/classpath.txt ]; then
  echo "No bench/target/classpath.txt: run without --no-build" >&2
  exit 1
fi
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" cn.shuangcheng.bench.BenchSuite \
  --repository="$PWD" ${args[@]+"${args[@]}"}
