#!/usr/bin/env bash
# DL4J (this checkout's ml/target/classes) beside PyTorch, one process per (framework, model), alternating per model;
# prints Markdown tables with the ratios and writes them to bench/target/compare-<date>T<time>Z.md. Not a test.
# Usage: bench/compare.sh [softmax|mlp|lenet5|cnn ...]   (default: all four). See docs/benchmarks/compare.md.
# Environment: BENCH_THREADS (1: OMP_NUM_THREADS and torch.set_num_threads), BENCH_QUICK=1 (60 batches, 8 for cnn,
#   1 s inference), BENCH_BATCHES (469), BENCH_CNN_BATCHES (30), BENCH_WARMUP_BATCHES (10; cnn 3),
#   BENCH_SECONDS (3), BENCH_WARMUP_SECONDS (1), BENCH_SEED (42), BENCH_DATA (IDX folder), BENCH_NICE (5),
#   BENCH_PYTHON (a python3 with torch; default: the first of python3, /usr/bin/python3 that has it),
#   JAVA_OPTS (added after the training-service JVM flags).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$here/target"
mkdir -p "$target"
folder="${BENCH_DATA:-/usr/share/datasets/fashion-mnist}"
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(softmax mlp lenet5 cnn)
for m in "${models[@]}"; do
  case "$m" in softmax|mlp|lenet5|cnn) ;; *) echo "unknown model $m (softmax, mlp, lenet5, cnn)" >&2; exit 2 ;; esac
done
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  export BENCH_BATCHES="${BENCH_BATCHES:-60}" BENCH_CNN_BATCHES="${BENCH_CNN_BATCHES:-8}"
  export BENCH_SECONDS="${BENCH_SECONDS:-1}" BENCH_WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-0.5}"
fi
threads="${BENCH_THREADS:-1}"
export BENCH_THREADS="$threads" OMP_NUM_THREADS="$threads"
# the training-service's JVM flags (launcher/src/main/java/dev/fmnist/launcher/LaunchSettings.java)
jvm_flags="-Xmx2g -XX:+UseSerialGC${JAVA_OPTS:+ $JAVA_OPTS}"

# this checkout's ml (and contracts) classes, rebuilt when missing or older than their sources
stamp="$target/ml-built.stamp"
if [ ! -d "$root/ml/target/classes/dev" ] || [ ! -f "$stamp" ] \
    || [ -n "$(find "$root/ml/src/main" "$root/ml/pom.xml" "$root/contracts/src/main" "$root/contracts/pom.xml" \
        "$root/pom.xml" -newer "$stamp" -print -quit)" ]; then
  echo "building ml (./mvnw -q -o -pl ml -am package -DskipTests) ..." >&2
  (cd "$root" && ./mvnw -B -q -o -pl ml -am package -DskipTests)
  touch "$stamp"
fi
cp_file="$target/classpath.txt"
if [ ! -s "$cp_file" ] || [ "$root/ml/pom.xml" -nt "$cp_file" ] || [ "$root/pom.xml" -nt "$cp_file" ]; then
  (cd "$root" && ./mvnw -B -q -o -pl ml dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=runtime)
fi
classpath="$root/ml/target/classes:$root/contracts/target/classes:$(cat "$cp_file")"

python=""
for candidate in ${BENCH_PYTHON:-python3 /usr/bin/python3}; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import torch, numpy' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
[ -n "$python" ] || echo "no python3 with torch and numpy: DL4J only" >&2

stamp_now="$(date -u +%Y%m%d-%H%M%S)"
logs="$target/compare-$stamp_now"
mkdir -p "$logs"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS

# value of key $2 in the RESULT lines of file $1 ("-" when absent)
get() {
  local v
  v="$( (grep -m1 "^RESULT $2 " "$1" 2>/dev/null || true) | cut -d' ' -f3-)"
  echo "${v:--}"
}
# ratio $1/$2 with 2 decimals ("-" when either is missing)
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || a + 0 == 0 || b + 0 == 0) print "-";
    else printf "%.2f", a / b }'
}
# a number rounded for the table: $2 decimals, thousands separators
num() {
  awk -v a="$1" -v d="$2" 'BEGIN { if (a == "-") { print "-"; exit }
    s = sprintf("%." d "f", a); i = index(s, "."); w = i ? substr(s, 1, i - 1) : s; f = i ? substr(s, i) : "";
    o = ""; while (length(w) > 3) { o = "," substr(w, length(w) - 2) o; w = substr(w, 1, length(w) - 3) }
    print w o f }'
}
# the inference table of RESULT keys $1_b1, $1_b32, $1_b256
inference_table() {
  echo "| model | img/s b1 DL4J | PyTorch | ratio | b32 DL4J | PyTorch | ratio | b256 DL4J | PyTorch | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  local m d t row b
  for m in "${models[@]}"; do
    d="$logs/$m-dl4j.out"
    t="$logs/$m-torch.out"
    row="| $m"
    for b in 1 32 256; do
      row="$row | $(num "$(get "$d" "$1_b$b")" 0) | $(num "$(get "$t" "$1_b$b")" 0)"
      row="$row | $(ratio "$(get "$d" "$1_b$b")" "$(get "$t" "$1_b$b")")"
    done
    echo "$row |"
  done
}

for m in "${models[@]}"; do
  echo "== $m: DL4J" >&2
  # shellcheck disable=SC2086
  nice -n "${BENCH_NICE:-5}" java $jvm_flags -cp "$classpath" "$here/Dl4jCompare.java" "$m" "$folder" \
    >"$logs/$m-dl4j.out" 2>"$logs/$m-dl4j.err" || echo "DL4J $m failed, see $logs/$m-dl4j.err" >&2
  grep '^  dl4j' "$logs/$m-dl4j.err" >&2 || true
  if [ -n "$python" ]; then
    echo "== $m: PyTorch" >&2
    nice -n "${BENCH_NICE:-5}" "$python" "$here/compare_torch.py" "$m" "$folder" \
      >"$logs/$m-torch.out" 2>"$logs/$m-torch.err" || echo "PyTorch $m failed, see $logs/$m-torch.err" >&2
    grep '^  torch' "$logs/$m-torch.err" >&2 || true
  fi
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

first_dl4j="$logs/${models[0]}-dl4j.out"
first_torch="$logs/${models[0]}-torch.out"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
jdk="$(get "$first_dl4j" jdk)"
dl4j="$(get "$first_dl4j" dl4j)"
backend="$(get "$first_dl4j" backend)"
torch_version="-"
blas="-"
if [ -n "$python" ]; then
  torch_version="$(get "$first_torch" torch) (numpy $(get "$first_torch" numpy), python $(get "$first_torch" python))"
  blas="$(get "$first_torch" blas)"
fi
cnn_batches=""
if [ -f "$logs/cnn-dl4j.out" ]; then
  cnn_batches=" (cnn: $(get "$logs/cnn-dl4j.out" timed_batches) after $(get "$logs/cnn-dl4j.out" warmup_batches))"
fi
out="$target/compare-$(date -u +%Y-%m-%dT%H%MZ).md"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname): $cpu, $(getconf _NPROCESSORS_ONLN) cores; load average before" \
    "$load_before, after $load_after; $((SECONDS - started)) s."
  echo "Threads $threads (OMP_NUM_THREADS, torch.set_num_threads); DL4J $dl4j, JDK $jdk, JVM flags" \
    "\`$jvm_flags\`, $backend; ml classes of $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(
      cd "$root" && [ -n "$(git status --porcelain -- ml contracts 2>/dev/null)" ] && echo ' + uncommitted changes');" \
    "PyTorch $torch_version, BLAS $blas."
  echo "Training: $(get "$first_dl4j" timed_batches) timed batches of 128 after $(get "$first_dl4j" warmup_batches)" \
    "warm-up${cnn_batches}, s/epoch = s/batch × 469. Inference: ${BENCH_SECONDS:-3} s per batch size after" \
    "${BENCH_WARMUP_SECONDS:-1} s warm-up, img/s of the best of 3 equal windows (CPU-time ratios: all 3)."
  echo
  echo "Training (ratio DL4J/PyTorch, >1 = DL4J slower; CPU = the process's CPU time over the same batches):"
  echo
  echo "| model | params | train s/epoch DL4J | PyTorch | ratio | CPU s/epoch DL4J | PyTorch | ratio" \
    "| peak RSS MB DL4J | PyTorch |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    d="$logs/$m-dl4j.out"
    t="$logs/$m-torch.out"
    params="$(num "$(get "$d" params)" 0)"
    tp="$(get "$t" params)"
    if [ "$tp" != "-" ] && [ "$tp" != "$(get "$d" params)" ]; then
      params="$params (PyTorch $(num "$tp" 0)!)"
    fi
    echo "| $m | $params | $(num "$(get "$d" train_s_per_epoch)" 2) | $(num "$(get "$t" train_s_per_epoch)" 2)" \
      "| $(ratio "$(get "$d" train_s_per_epoch)" "$(get "$t" train_s_per_epoch)")" \
      "| $(num "$(get "$d" train_cpu_s_per_epoch)" 2) | $(num "$(get "$t" train_cpu_s_per_epoch)" 2)" \
      "| $(ratio "$(get "$d" train_cpu_s_per_epoch)" "$(get "$t" train_cpu_s_per_epoch)")" \
      "| $(num "$(get "$d" peak_rss_mb)" 0) | $(num "$(get "$t" peak_rss_mb)" 0) |"
  done
  echo
  echo "Inference (ratio DL4J/PyTorch, >1 = DL4J faster), grey levels → probabilities (DL4J \`Classifier.predictProbabilities\`, the services' path), img/s:"
  echo
  inference_table infer
  echo
  echo "Diagnostic, the forward pass alone on input tensors built beforehand (DL4J \`output(input, false)\`," \
    "PyTorch \`net(x)\`; no conversion in or out), img/s:"
  echo
  inference_table raw
  echo
  echo "The same inference ratios on CPU time (images per CPU second of each process; steadier on a busy machine):"
  echo
  echo "| model | services' path b1 | b32 | b256 | forward alone b1 | b32 | b256 |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    row="| $m"
    for key in infer_cpu raw_cpu; do
      for b in 1 32 256; do
        row="$row | $(ratio "$(get "$logs/$m-dl4j.out" "${key}_b$b")" "$(get "$logs/$m-torch.out" "${key}_b$b")")"
      done
    done
    echo "$row |"
  done
  echo
  echo "- Ratios only: absolute numbers move with the load; compare runs by their ratios, A/B in one run."
  echo "- DL4J: ModelTrainer.fit (project's batch building + fit) and Classifier.predictProbabilities(List<byte[]>)."
  echo "- PyTorch: same layers, init, optimiser, loss, normalisation, batch 128; uint8 batch → float tensor per batch."
  if [[ " ${models[*]} " == *" cnn "* ]]; then
    echo "- cnn on both: standardised input, Nesterov 0.95↔0.85 + one-cycle (over the run's batches), L2 5e-4 on" \
      "weights, label smoothing 0.1, shift ±2 px + flip augmentation (PyTorch: vectorised numpy per batch)."
  fi
  if [[ "$blas" == */blas/libblas* ]]; then
    echo "- WARNING: PyTorch runs on the reference BLAS (libblas3); install libopenblas0-openmp for a fair comparison."
  fi
  echo "- Raw output: ${logs#"$root"/}/"
} >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
echo "(written to ${out#"$root"/})" >&2
