#!/usr/bin/env bash
# Creates Shuangcheng's topics if they do not exist (kafka-init in compose.yaml; usable against any cluster):
#   create-topics.sh BOOTSTRAP_SERVERS   with PARTITIONS (default 6), REPLICATION_FACTOR (default 1) and
#   MIN_INSYNC_REPLICAS (unset: the broker's own setting applies; with three replicas 2: a write with acks=all then
#   survives the loss of a broker)
#   from the env, and COMMAND_CONFIG: the client settings of a user allowed to create topics (an admin), for a cluster with SASL.
# The event topics keep every record (retention -1): reporting-service rebuilds its read models from them.
# Partitions bound the parallelism of the read side: more reporting-service instances than partitions stay idle.
# No topic takes a record that inflates past 1 MiB (2 MiB for dead letters: the original plus its dlq headers), so that
# a small compressed record (a decompression bomb) is refused by the broker before a consumer allocates it whole
# (contracts' Topics.MAX_RECORD_BYTES; needs Kafka 4.2.2 or later).
set -euo pipefail
bootstrap="${1:?usage: create-topics.sh BOOTSTRAP_SERVERS}"
partitions="${PARTITIONS:-6}"
replication="${REPLICATION_FACTOR:-1}"
min_insync=()
if [[ -n "${MIN_INSYNC_REPLICAS:-}" ]]; then
  min_insync=(--config "min.insync.replicas=$MIN_INSYNC_REPLICAS")
fi
topics=/opt/kafka/bin/kafka-topics.sh
security=()
if [[ -n "${COMMAND_CONFIG:-}" ]]; then
  security=(--command-config "$COMMAND_CONFIG")
fi

create() {
  local topic="$1"; shift
  "$topics" --bootstrap-server "$bootstrap" "${security[@]}" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replication" "${min_insync[@]}" "$@"
}

record=(--config max.decompressed.message.bytes=1048576)
forever=(--config retention.ms=-1 --config retention.bytes=-1 "${record[@]}")
create shuangcheng.project.events.v1 "${forever[@]}"
create shuangcheng.cadre.events.v1 "${forever[@]}"
create shuangcheng.intake.submissions.v1 --config retention.ms=604800000 "${record[@]}"
create shuangcheng.intake.rejections.v1 --config retention.ms=2592000000 "${record[@]}"
create shuangcheng.reporting.dlq.v1 --config retention.ms=7776000000 --config max.decompressed.message.bytes=2097152
"$topics" --bootstrap-server "$bootstrap" "${security[@]}" --list
