#!/usr/bin/env bash
# Publishes all 70,000 official Fashion-MNIST images and reports the seconds (a benchmark, not a test).
# Starts a fresh local platform (real Kafka broker + PostgreSQL on free ports), runs the packaged service against it
# and times POST /datasets, then times the bulk publisher alone with a few producer settings.
# Usage (from the repository root): ingest-service/bench/publish-all.sh [data folder]
# BENCH_BROKER_JVM_OPTIONS='-Xmx1g ...' replaces the broker's JVM options (default: the platform's).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${1:-/usr/share/datasets/fashion-mnist}"
./mvnw -B -q -pl ingest-service package -DskipTests
./mvnw -B -q -pl ingest-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="ingest-service/target/test-classes:ingest-service/target/classes:$(cat ingest-service/target/bench.classpath)"
exec java -cp "$CP" dev.fmnist.ingest.bench.PublishAllBenchmark "$DATA" ingest-service/target/quarkus-app/quarkus-run.jar
