#!/usr/bin/env bash
# Writes the client settings of the broker's super user admin (SASL PLAIN) to the file $1, for the Kafka command-line
# tools' --command-config. The password comes from ADMIN_PASSWORD (compose: KAFKA_ADMIN_PASSWORD); the file is
# readable by its owner only and lives in the container's /tmp.
set -euo pipefail
file="${1:?usage: admin-client.sh FILE}"
: "${ADMIN_PASSWORD:?ADMIN_PASSWORD is not set}"
umask 077
cat > "$file" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${ADMIN_PASSWORD}";
PROPERTIES
