#!/usr/bin/env bash
# Trains the benchmark recipes on the full Fashion-MNIST data set (not a test; takes many minutes).
# Usage: training-service/bench/run.sh [idx-folder] [recipe ...]   (recipes: softmax mlp demo lenet5 lenet5-1 mlp-1 cnn cnn-5 cnn-3 cnn-1 pca-tree pca-tree-gini pca-tree-50)
# Environment: OMP_NUM_THREADS (default 1, see docs/dl4j-performance.md), BENCH_NICE (default 10),
#   JAVA_OPTS (e.g. -Dorg.eclipse.deeplearning4j.helpers.disable=true to compare without the oneDNN helpers).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
folder="${1:-/usr/share/datasets/fashion-mnist}"
shift || true
cp_file="$here/target/classpath.txt"
mkdir -p "$here/target"
if [ ! -s "$cp_file" ]; then
  (cd "$root" && ./mvnw -B -q -pl ml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
fi
cp="$(cat "$cp_file"):$HOME/.m2/repository/dev/fmnist/fmnist-ml/0.1.0-SNAPSHOT/fmnist-ml-0.1.0-SNAPSHOT.jar"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec nice -n "${BENCH_NICE:-10}" java -Xmx3g ${JAVA_OPTS:-} -cp "$cp" "$here/TrainingBench.java" "$folder" "$@"
