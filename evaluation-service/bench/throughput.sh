#!/usr/bin/env bash
# Labelled predictions counted per second by evaluation-service, persistence on (real Kafka broker, real
# PostgreSQL, started by the test platform). Usage, from the repository root:
#   evaluation-service/bench/throughput.sh [predictions]      (default 200000)
# Prints the BENCH line; the figures are explained in docs/benchmarks/evaluation-service.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
predictions="${1:-200000}"
./mvnw -B -q -Pbench -pl evaluation-service test -Dtest=EvaluationThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.predictions="$predictions"
grep -h '^BENCH' evaluation-service/target/surefire-reports/*EvaluationThroughputBench-output.txt
