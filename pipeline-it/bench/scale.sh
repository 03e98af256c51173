#!/usr/bin/env bash
# Scale-out benchmark (docs/scaling.md): images/s through inference-service and predictions/s through
# evaluation-service with one replica of each, then two, side by side in one run on the packaged services.
#   BENCH_IMAGES       images streamed per round (default 20000)
#   BENCH_PREDICTIONS  predictions of a made-up model counted per round (default 100000)
# Run from the repository root; builds what it needs first.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o install -DskipTests -pl pipeline-it -am
./mvnw -B -o verify -pl pipeline-it -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ScaleOutBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.images="${BENCH_IMAGES:-20000}" -Dbench.predictions="${BENCH_PREDICTIONS:-100000}" > /dev/null
# the test's output goes to its failsafe report
sed -n '/^Scale-out (/,/^| ratio/p' pipeline-it/target/failsafe-reports/dev.fmnist.pipeline.ScaleOutBench-output.txt
