#!/usr/bin/env bash
# Raw batched inference of one model (not a test): the service's Classifier.predictProbabilities beside the steps it
# is made of (input tensor, forward pass, output conversion), in alternating rounds in one JVM.
# Usage: inference-service/bench/raw.sh [idx-folder] [architecture] [batch] [rounds] [seconds-per-step]
# Environment: OMP_NUM_THREADS (default 1), JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1, the C1-only JIT), BENCH_NICE (5).
# Uses the contracts and ml classes of this checkout (their target/classes: run
# `./mvnw -o -q package -DskipTests -pl ml -am` first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
folder="${1:-/usr/share/datasets/fashion-mnist}"
shift || true
cp_file="$here/../target/bench-classpath.txt"
mkdir -p "$here/../target"
if [ ! -s "$cp_file" ]; then
  (cd "$root" && ./mvnw -o -B -q -pl ml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
fi
cp="$root/contracts/target/classes:$root/ml/target/classes:$(cat "$cp_file")"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec nice -n "${BENCH_NICE:-5}" java -Xmx1g ${JAVA_OPTS:-} -cp "$cp" "$here/RawInference.java" "$folder" "$@"
