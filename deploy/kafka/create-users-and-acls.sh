#!/usr/bin/env bash
# Creates Shuangcheng's Kafka users (SASL SCRAM-SHA-512) and their ACLs (kafka-init in compose.yaml; usable against any
# cluster with an authorizer):
#   create-users-and-acls.sh BOOTSTRAP_SERVERS ADMIN_CLIENT_CONFIG
# with each user's password from PROJECT_SERVICE_PASSWORD, CADRE_SERVICE_PASSWORD, REPORTING_SERVICE_PASSWORD and
# INTAKE_SYSTEM_PASSWORD. Run again with a new password to rotate it (the SCRAM credential is replaced; ACLs that
# exist are kept). Everything not granted here is denied (allow.everyone.if.no.acl.found=false):
#   project-service    writes the project event topic; reads the intake topic (group project-service-intake) and
#                      writes the intake rejections
#   cadre-service      writes the cadre event topic
#   reporting-service  reads both event topics (group reporting-service), writes its dead-letter topic only
#   intake-system      the joint offices' systems: write the intake topic, read the rejections (groups intake-system*)
# The services create their topics when missing, so they may create (and describe the configuration of) their own
# topics, by literal name; creating one that exists changes nothing.
set -euo pipefail
bootstrap="${1:?usage: create-users-and-acls.sh BOOTSTRAP_SERVERS ADMIN_CLIENT_CONFIG}"
admin="${2:?usage: create-users-and-acls.sh BOOTSTRAP_SERVERS ADMIN_CLIENT_CONFIG}"
bin=/opt/kafka/bin

project_events=shuangcheng.project.events.v1
cadre_events=shuangcheng.cadre.events.v1
intake=shuangcheng.intake.submissions.v1
rejections=shuangcheng.intake.rejections.v1
dead_letters=shuangcheng.reporting.dlq.v1

user() {
  local name="$1" password="$2"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$name" --add-config "SCRAM-SHA-512=[iterations=8192,password=${password}]"
}

allow() {
  local principal="$1"; shift
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" "$@"
}

user project-service "${PROJECT_SERVICE_PASSWORD:?PROJECT_SERVICE_PASSWORD is not set}"
user cadre-service "${CADRE_SERVICE_PASSWORD:?CADRE_SERVICE_PASSWORD is not set}"
user reporting-service "${REPORTING_SERVICE_PASSWORD:?REPORTING_SERVICE_PASSWORD is not set}"
user intake-system "${INTAKE_SYSTEM_PASSWORD:?INTAKE_SYSTEM_PASSWORD is not set}"

allow project-service --topic "$project_events" --operation Write --operation Describe --operation Create --operation DescribeConfigs
allow project-service --topic "$intake" --operation Read --operation Describe --operation Create --operation DescribeConfigs
allow project-service --topic "$rejections" --operation Write --operation Describe --operation Create --operation DescribeConfigs
allow project-service --group project-service-intake --operation Read

allow cadre-service --topic "$cadre_events" --operation Write --operation Describe --operation Create --operation DescribeConfigs

allow reporting-service --topic "$project_events" --operation Read --operation Describe
allow reporting-service --topic "$cadre_events" --operation Read --operation Describe
allow reporting-service --group reporting-service --operation Read
allow reporting-service --topic "$dead_letters" --operation Write --operation Describe

allow intake-system --topic "$intake" --operation Write --operation Describe
allow intake-system --topic "$rejections" --operation Read --operation Describe
allow intake-system --group intake-system --resource-pattern-type prefixed --operation Read

"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --list
