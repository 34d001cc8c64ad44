#!/usr/bin/env bash
# The one command (README): builds the services and the launcher, then starts Shuangcheng in full on the embedded
# defaults - Kafka (KRaft) and a MongoDB wire-protocol server in the launcher's JVM, a development OAuth2
# authorization server, project-service, cadre-service and reporting-service - and loads the demo data.
#
#   local-stack/run.sh [--fresh] [--no-demo-data] [--no-build] [--restart-on-failure] [--kafka-sasl] [--option=value ...]
#   (--help lists the options)
#
# Needs Java 17 and Maven only. Ctrl-C stops everything; the data stays in local-data/ (--fresh starts empty).
set -euo pipefail
cd "$(dirname "$0")/.."

source local-stack/build-option.sh "$@"

if [ "$build" = yes ]; then
  echo "Building the services and the launcher: ./mvnw -B -q -DskipTests package (the first build downloads dependencies) ..."
  ./mvnw -B -q -Dstyle.color=never -DskipTests package
fi

# the runnable jar, not the plain classes jar the build also makes (local-stack-<version>-classes.jar)
jar=$(ls local-stack/target/local-stack-*.jar 2>/dev/null | grep -v -e '\.original$' -e '-classes\.jar$' | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "No launcher jar in local-stack/target: run without --no-build" >&2
  exit 1
fi
# exec: the JVM replaces this shell, so Ctrl-C reaches it and its shutdown hook stops everything it started
exec java -Xmx640m -jar "$jar" ${args[@]+"${args[@]}"}
