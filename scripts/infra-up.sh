#!/usr/bin/env bash
# `npm run infra:up`: PostgreSQL databases and Kafka, left running for development
# (stop Kafka with `npm run infra:down`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pcc_setup
log "infrastructure is up: PostgreSQL databases exist, Kafka at ${KAFKA_BROKERS}"
