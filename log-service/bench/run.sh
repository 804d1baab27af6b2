#!/usr/bin/env bash
# log-service benchmark (issue 8): ingest lines/s Kafka -> PostgreSQL, and query p95 over 5M lines.
# Starts its own PostgreSQL and Kafka (libs/test-support) unless IMAGECAST_DB_URL / IMAGECAST_KAFKA are set.
# Usage: log-service/bench/run.sh [ingest-lines] [stored-lines]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl log-service test -Dtest=LogBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dimagecast.bench=true -Dimagecast.bench.ingest="${1:-300000}" -Dimagecast.bench.stored="${2:-5000000}" \
  2>&1 | grep '^BENCH'
