#!/usr/bin/env bash
# The fault-injection suite in full: the same FaultInjectionIT that CI runs with 10 projects per scenario through
# three faults, here with PROJECTS (default 100) projects per scenario - 11 commands each, plus two intake batches,
# and PROJECTS/2 cadres of 4 cadre-service commands alongside - through every fault: SIGKILL of project-service, of
# cadre-service and of reporting-service at 20, 50 and 80% of the stream, a Kafka broker restart while publishing and
# while reporting works off a backlog, a MongoDB stand-in restart during commands and during projection of a
# backlog, a SIGSTOP of project-service longer than the gap timeout with one append held between its index
# reservation and its insert, and two instances of each service with one killed during an intake batch and one
# reporting-service killed in the middle of a rebuild. Prints one line per fault (sent, acknowledged, published,
# applied, the same for cadre commands, lost, duplicated, recovery times), also in system-tests/target/faults.txt,
# and "fault suite: ..." lines on what each fault met; the services' logs are in system-tests/target/services/.
#
#   bench/faults.sh                 100 projects per scenario
#   PROJECTS=300 bench/faults.sh
#   ONLY="two instances" bench/faults.sh   only the scenarios whose name contains ONLY (and the final audit)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -pl system-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=FaultInjectionIT -Dfaults.scale=full -Dfaults.projects="${PROJECTS:-100}" \
    -Dfaults.only="${ONLY:-}" 2>&1 \
  | sed -n '/^fault /p; /Tests run:.*FaultInjectionIT/p; /BUILD/p'
