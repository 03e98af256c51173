#!/usr/bin/env bash
# Streaming benchmark of inference-service (not a test). Starts the shared test platform (real Kafka broker), runs
# the service in-process and measures, on this machine and with the same model:
#   1. the model's raw batched Classifier throughput,
#   2. streaming throughput through Kafka (a backlog of images, fmnist.images.input -> fmnist.predictions),
#   3. p50/p99 latency at a fixed offered rate.
# Usage: inference-service/bench/run.sh [architecture] [images] [rate img/s] [seconds]
#   e.g. inference-service/bench/run.sh mlp 100000 1000 30
# Results: printed, and written to inference-service/target/bench/inference-benchmark.md
# The service's modules come from this checkout (Quarkus' test bootstrap finds the sibling modules' target/classes
# even without them in the reactor, so an A/B of older code needs a copy of that code, e.g. `git archive`).
# Environment: BENCH_OPTS adds -D options to the run (e.g. Kafka client settings of the service:
#   BENCH_OPTS="-Dmp.messaging.incoming.images.max.poll.records=1000"); OMP_NUM_THREADS (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
ARCH="${1:-mlp}"
IMAGES="${2:-100000}"
RATE="${3:-1000}"
SECONDS_AT_RATE="${4:-30}"
# One OpenMP thread: on small machines a second one does not speed DL4J's dense layers up (see the DL4J notes).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# shellcheck disable=SC2086
./mvnw -o -B -q -Pbench -pl contracts,ml,inference-service test -Dtest=StreamingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.architecture="$ARCH" -Dbench.images="$IMAGES" -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_AT_RATE" \
  ${BENCH_OPTS:-}
cat inference-service/target/bench/inference-benchmark.md
