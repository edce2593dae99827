#!/usr/bin/env bash
# The GPU check (./run-all.sh gpu-check): on a machine with an NVIDIA GPU and PyTorch, build the shim against the
# installed PyTorch, then run doctor, the binding and parity tests on cuda, the quickstart on cuda and on the CPU
# with their cross-device comparison, and the attributor benchmarks on cuda; everything goes to results/gpu/<date>/.
#
#   ./run-all.sh gpu-check                  with the .NET SDK on PATH: builds everything here
#   ./run-all.sh gpu-bundle                 on a machine with the SDK: publishes the binaries a GPU machine
#                                           without .NET needs (.publish/gpu/bundle.tar.xz, hf-parity fixtures)
#   ./run-all.sh gpu-check --bundle FILE    on the GPU machine: uses that bundle, builds only the shim
#   ... --only shim,doctor,binding-tests    only these steps (names as in steps.tsv)
#
#   HARNESS_GPU_DEVICE=cpu ./run-all.sh gpu-check --only ...
#                                           a rehearsal on a machine without a GPU: the cuda steps run on that
#                                           device (ReAGent's steps capped by HARNESS_BENCH_OPTIONS=reagent.max_steps=N)
#
# Each step has its own time limit and log; a failing step is recorded and the next one runs. The whole check stays
# inside HARNESS_GPU_BUDGET seconds (default 470: under 8 minutes with the summary): a step gets at most what is left,
# and the steps that no longer fit are recorded as not run. Exit code 0 when every step passed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUNDLE=""
ONLY=""
while (($#)); do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2 ;;
    --only) ONLY=",$2,"; shift 2 ;;
    *) echo "gpu-check: unknown argument '$1' (expected --bundle FILE, --only STEP,...)" >&2; exit 2 ;;
  esac
done

DATE=$(date -u +%F)
RESULTS="${HARNESS_GPU_RESULTS:-results/gpu/$DATE}"
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
STEPS="$RESULTS/steps.tsv"
printf 'step\tstatus\tseconds\tlog\n' >"$STEPS"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '[gpu-check] %s\n' "$*" | tee -a "$RESULTS/check.log"; }

# step NAME SECONDS 'COMMAND': runs the command (which may use the exported functions below) in bash under a time
# limit, its output in NAME.log, its outcome in steps.tsv.
FAILED=0
BUDGET="${HARNESS_GPU_BUDGET:-470}"
step() {
  local name="$1" limit="$2" command="$3"
  local log="$RESULTS/$name.log" start=$SECONDS status
  [[ -z "$ONLY" || "$ONLY" == *",$name,"* ]] || return 0
  local left=$((BUDGET - SECONDS))
  if ((left < 5)); then
    FAILED=$((FAILED + 1))
    printf '%s\tnot-run(budget)\t0\t-\n' "$name" >>"$STEPS"
    say "$name: not run, the ${BUDGET}s budget is spent"
    return 0
  fi
  ((limit > left)) && limit=$left
  say "$name (limit ${limit}s): $command"
  timeout --kill-after=10 "$limit" bash -c "$command" >"$log" 2>&1
  local rc=$?
  if ((rc == 0)); then status=ok; elif ((rc == 124 || rc == 137)); then status="timed-out"; else status="failed($rc)"; fi
  [[ $status == ok ]] || FAILED=$((FAILED + 1))
  printf '%s\t%s\t%d\t%s\n' "$name" "$status" $((SECONDS - start)) "$name.log" >>"$STEPS"
  say "  $status in $((SECONDS - start)) s; last lines:"
  tail -n 3 "$log" | sed 's/^/    /' | tee -a "$RESULTS/check.log"
  return 0
}

# ---- where the binaries come from ----------------------------------------------------------------------------------
python_has_torch() { python3 -c "import torch" >/dev/null 2>&1; }

if [[ -n "$BUNDLE" ]]; then
  BIN=/tmp/harness-gpu/bin
  rm -rf /tmp/harness-gpu && mkdir -p /tmp/harness-gpu
  say "unpacking $BUNDLE into /tmp/harness-gpu"
  tar -xJf "$BUNDLE" -C /tmp/harness-gpu || { say "error: $BUNDLE could not be unpacked"; exit 1; }
  export HARNESS_SHARED=/tmp/harness-gpu/shared HARNESS_REPOSITORY="$(pwd)"   # the tests read fixtures and committed assets there
  harness() { "$BIN/harness" "$@"; }
  run_tests() { "$BIN/$1" --filter "$2" --results-directory "$RESULTS/tests"; }
  bench() { "$BIN/Harness.Benchmarks" "$@"; }
  # The shim: against the installed PyTorch when python3 has it, else the system's libtorch (a CPU rehearsal).
  build_shim() {
    local flags=()
    python_has_torch && flags+=(-DHX_TORCH_FROM_PYTHON=ON)
    cmake -S src/Harness.Torch/native -B /tmp/harness-gpu/shim -DCMAKE_BUILD_TYPE=Release "${flags[@]}" &&
      cmake --build /tmp/harness-gpu/shim -j "$(nproc)" &&
      cp /tmp/harness-gpu/shim/libharness_torch.so "$BIN/"
  }
else
  command -v dotnet >/dev/null 2>&1 || { say "error: no dotnet on PATH; build a bundle with ./run-all.sh gpu-bundle on a machine with the .NET SDK and pass --bundle FILE"; exit 2; }
  python_has_torch && export HARNESS_TORCH_FROM_PYTHON=1
  # Absolute paths: the bench steps run in the results folder.
  ROOT=$(pwd)
  export ROOT
  harness() { dotnet "$ROOT/src/Harness.Cli/bin/Release/net10.0/harness.dll" "$@"; }
  run_tests() { dotnet test "$ROOT/tests/$1" -c Release --no-build --filter "$2" --logger "trx;LogFileName=$1.trx" --results-directory "$RESULTS/tests"; }
  bench() { dotnet "$ROOT/bench/Harness.Benchmarks/bin/Release/net10.0/Harness.Benchmarks.dll" "$@"; }
  # The solution's build compiles the shim against the installed PyTorch (HARNESS_TORCH_FROM_PYTHON above); it runs
  # before the budget's clock starts, since it measures this machine's CPUs and not its GPU.
  say "building the solution and the bench suite (build.log)"
  if ! { bash run-all.sh build && dotnet build bench/Harness.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly; } >"$RESULTS/build.log" 2>&1; then
    say "error: the build failed; see $RESULTS/build.log"
    exit 1
  fi
  build_shim() { echo "built with the solution: $(ls src/Harness.Torch/obj/native/*/libharness_torch.so)"; }
  SECONDS=0
fi

DEVICE="${HARNESS_GPU_DEVICE:-cuda}"
export BIN RESULTS DEVICE
export -f python_has_torch harness run_tests bench build_shim

# ---- the machine ---------------------------------------------------------------------------------------------------
environment() {
  {
    echo "date_utc: $(date -u +%FT%TZ)"
    echo "harness_commit: $(cat /tmp/harness-gpu/commit 2>/dev/null || git rev-parse HEAD 2>/dev/null || echo unknown)"
    echo "host: $(hostname) ($(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB)"
    if command -v nvidia-smi >/dev/null 2>&1; then
      echo "gpu: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -1)"
      echo "cuda_driver: $(nvidia-smi | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -1)"
    else
      echo "gpu: none (nvidia-smi not found)"
    fi
    if python_has_torch; then
      python3 -c "import torch; print('pytorch:', torch.__version__, '| cuda', torch.version.cuda, '| libtorch', torch.__path__[0])"
    else
      echo "pytorch: none (the system's libtorch)"
    fi
  } >"$RESULTS/environment.txt"
  cat "$RESULTS/environment.txt"
}
export -f environment

# ---- the check -----------------------------------------------------------------------------------------------------
say "results in $RESULTS"
step environment 10 'environment'
step shim 120 'build_shim'
step doctor 20 'harness doctor --json > "$RESULTS/doctor.json"; rc=$?; cat "$RESULTS/doctor.json"; exit $rc'
step binding-tests 60 'run_tests Harness.Torch.Tests "FullyQualifiedName~Harness.Torch.Tests"'
step parity-tests 60 'run_tests Harness.Models.Tests "FullyQualifiedName~Parity"'
# One run per device of the same experiment, then the cross-device comparison (src/Harness.Evaluation/README.md).
rm -rf "$RESULTS/quickstart-cuda" "$RESULTS/quickstart-cpu" "$RESULTS/comparison"
step quickstart-cuda 45 'harness run experiments/quickstart.yaml --device "$DEVICE" --output "$RESULTS/quickstart-cuda"'
step quickstart-cpu 75 'harness run experiments/quickstart.yaml --device cpu --output "$RESULTS/quickstart-cpu"'
step compare 15 'harness compare "$RESULTS/quickstart-cuda" "$RESULTS/quickstart-cpu" --out "$RESULTS/comparison"'
# The same-run comparison with PyTorch eager and Captum on cuda (bench/compare.sh; issue 27 items 6 and 7): Captum is
# pure Python, carried as source (CAPTUM_SRC, the bundle's captum/ from gpu-bundle, else /tmp/captum).
step captum-compare 120 'for c in "${CAPTUM_SRC:-}" /tmp/harness-gpu/captum /tmp/captum; do [[ -n $c && -f $c/captum/__init__.py ]] && break; done
  HARNESS_BENCH_BIN="${BIN:+$BIN/Harness.Benchmarks}" bash bench/compare.sh --device "$DEVICE" --repeats 3 --captum "$c" --out "$RESULTS/compare"'
# ReAGent at the paper's token-level settings (5000 steps, 5 chains, stop at top 3; uniform replacer) on a GPT-2-small-
# sized random model at 64 tokens, 16 targets a call in passes of at most 40 rows (bench/Harness.Benchmarks/
# ReagentPaperBenchmarks.cs; issue 27 item 7's <= 1 s per target): Mean is seconds per target, Steps and Stopped the
# chains' diagnostics; float32 and bfloat16 unless HARNESS_BENCH_DTYPE says otherwise.
step reagent-paper 200 'mkdir -p "$RESULTS/bench" && cd "$RESULTS/bench" && HARNESS_BENCH_DEVICE="$DEVICE" HARNESS_BENCH_DTYPE="${HARNESS_BENCH_DTYPE:-float32,bfloat16}" bench --filter "*ReagentPaperBenchmarks*gpt2-small*"'
# The attributor benchmarks on cuda: the issue's fixed list, GPT-2-small random at 64 and 512 tokens, float32 and
# bfloat16, one warm-up and five iterations, in process (no SDK needed); in bundle mode the exports land under
# bench/results/bench/<date>/ (the folder it starts in), with the SDK under the repository's results/bench/<date>/.
step bench 150 'mkdir -p "$RESULTS/bench" && cd "$RESULTS/bench" && HARNESS_BENCH_DEVICE="$DEVICE" HARNESS_BENCH_DTYPE=float32,bfloat16 \
  HARNESS_BENCH_MODELS=gpt2-small HARNESS_BENCH_LENGTHS=64,512 HARNESS_BENCH_OPTIONS=reagent.max_steps=200 \
  HARNESS_BENCH_METHODS=saliency,integrated_gradients,occlusion,lime,shapley_sampling,reagent,grad_ellm,at2 \
  bench --filter "*AttributorBenchmarks*"'

# ---- summary -------------------------------------------------------------------------------------------------------
{
  echo "# GPU check, $DATE"
  echo
  echo '```'
  cat "$RESULTS/environment.txt"
  echo '```'
  echo
  echo "| step | status | seconds |"
  echo "| --- | --- | ---: |"
  tail -n +2 "$STEPS" | awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}'
  for t in binding-tests parity-tests; do
    [[ -f "$RESULTS/$t.log" ]] || continue
    echo
    echo "$t: $(grep -E 'total:|failed:|succeeded:|skipped:|Passed!|Failed!' "$RESULTS/$t.log" | tr -s ' ' | tr '\n' ' ')"
  done
  if [[ -f "$RESULTS/comparison/comparison.md" ]]; then
    echo
    echo "## Quickstart, cuda against cpu"
    echo
    head -n 40 "$RESULTS/comparison/comparison.md"
  fi
  if [[ -f "$RESULTS/compare/comparison.md" ]]; then
    echo
    echo "## Against PyTorch eager and Captum (bench/compare.sh)"
    echo
    cat "$RESULTS/compare/comparison.md"
  fi
  for md in $(find "$RESULTS/bench" "results/bench/$DATE" -name '*-report-github.md' 2>/dev/null); do
    [[ -f $md ]] || continue
    echo
    echo "## $(basename "$md")"
    echo
    cat "$md"
  done
} >"$RESULTS/summary.md"
say "summary: $RESULTS/summary.md; $FAILED step(s) failed"
((FAILED == 0))
