#!/usr/bin/env bash
# The harness's one entry script (run-all.ps1 is its PowerShell twin).
#
#   ./run-all.sh            set up, build, and run the main job: the quickstart experiment on the embedded tiny
#                           model (results/runs/quickstart), then its report (results/runs/quickstart/report/index.html)
#   ./run-all.sh setup      install what the build needs (idempotent; apt-get, with sudo when not root)
#   ./run-all.sh build      dotnet build (Release), which also builds the libtorch shim through CMake
#   ./run-all.sh test       run every test that can run here (needs-gpu and, without chromium, needs-chromium tests
#                           are skipped with the reason); ends with one line "N passed, N failed[, N skipped]"
#   ./run-all.sh test --fast  only the `fast` category (no soak tests: whole runs, many cells, random cases)
#   ./run-all.sh bench ...  BenchmarkDotNet suite (arguments go to BenchmarkDotNet, e.g. --filter '*Matmul*')
#   ./run-all.sh nightly    the nightly job: build, experiments/nightly.yaml, its report, and `harness compare` against
#                           results/baseline (exit code 1 on a regression)
#   ./run-all.sh harness …  the harness command line, e.g. ./run-all.sh harness doctor
#   ./run-all.sh screenshots  the quickstart's report and a paper-style one (reagent_token_level.yaml on the tiny models)
#                           captured in headless Chromium at 1280 px wide into docs/report-quickstart.png, docs/report-paper.png
#                           (the paper report reads longra and reagent_annotated_lambada from the dataset cache:
#                           `harness fetch dataset`, or HARNESS_DATA pointing at a folder laid out as the cache)
#   ./run-all.sh gpu-check  on a machine with an NVIDIA GPU and PyTorch: shim, doctor, binding and parity tests on cuda,
#                           the quickstart on cuda and cpu compared, attributor benchmarks; results/gpu/<date>/
#                           (deploy/gpu-check.sh; `--bundle FILE` on a GPU machine without the .NET SDK)
#   ./run-all.sh gpu-bundle publish what gpu-check needs on a GPU machine without .NET into .publish/gpu/bundle.tar.xz
#
# Environment: LIBTORCH=/path/to/libtorch (e.g. a CUDA build) or HARNESS_TORCH_FROM_PYTHON=1 (the
# libtorch inside the installed PyTorch) replace Debian's libtorch-dev; HARNESS_NUM_THREADS sets
# libtorch's intra-op threads (default: the CPUs this process may use).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CONFIGURATION="${CONFIGURATION:-Release}"

say() { printf '[run-all] %s\n' "$*"; }

# ---- setup ----------------------------------------------------------------------------------------
packages_needed() {
  local needed=(cmake g++ libopenblas0-pthread)
  # A libtorch of the user's choice replaces Debian's.
  if [[ -z "${LIBTORCH:-}" && -z "${Torch_DIR:-}" && "${HARNESS_TORCH_FROM_PYTHON:-}" != "1" ]]; then
    needed+=(libtorch-dev)
  fi
  # The report's figures are drawn in-process (ScottPlot, SkiaSharp) and need a font: DejaVu Sans.
  needed+=(fonts-dejavu-core)
  # The HTML report's test and `./run-all.sh screenshots` open it in headless Chromium.
  if ! command -v chromium >/dev/null 2>&1; then needed+=(chromium); fi
  # The scale-out test starts a real single-node Slurm (slurmctld, slurmd, munged) on this machine (deploy/slurm).
  needed+=(slurm-wlm munge)
  printf '%s\n' "${needed[@]}"
}

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

setup() {
  say "set-up: checking the packages the build needs"
  if ! command -v dotnet >/dev/null 2>&1; then
    say "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 (https://dot.net) and run again."
    exit 1
  fi
  say "  dotnet $(dotnet --version)"
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "  no dpkg/apt here: install cmake, g++, OpenBLAS and libtorch yourself, and set LIBTORCH to the libtorch folder."
    return 0
  fi
  local missing=()
  while read -r p; do
    if is_installed "$p"; then say "  $p: installed"; else missing+=("$p"); fi
  done < <(packages_needed)
  if ((${#missing[@]} == 0)); then
    say "set-up: nothing to install"
    return 0
  fi
  local apt=(apt-get)
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      say "error: these packages are missing and installing them needs root: ${missing[*]}"
      say "       run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
      exit 1
    fi
  fi
  say "set-up: installing ${missing[*]} (${apt[*]})"
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for p in "${missing[@]}"; do
    is_installed "$p" || { say "error: $p could not be installed"; exit 1; }
    say "  $p: installed now"
  done
}

# ---- build / test / run ---------------------------------------------------------------------------
build() {
  say "build: dotnet build Harness.sln -c $CONFIGURATION"
  dotnet build Harness.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
}

# Runs every test project and prints one summary line: "N passed, N failed[, N skipped]". `--fast` keeps the
# `fast` category only (tests/Harness.TestSupport/Categories: every fixture is fast or soak).
test_all() {
  local filter=()
  case "${1:-}" in
    "") ;;
    --fast) filter=(--filter "TestCategory=fast") ;;
    *) echo "unknown test option '$1'; expected --fast or nothing" >&2; exit 2 ;;
  esac
  local log
  log=$(mktemp)
  set +e
  dotnet test Harness.sln -c "$CONFIGURATION" -nologo "${filter[@]}" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  # dotnet test prints per assembly: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total: ..."
  local counts
  counts=$(grep -E '^(Passed|Failed)! +- Failed: ' "$log" \
    | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
    | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')
  rm -f "$log"
  local passed failed skipped
  read -r passed failed skipped <<<"${counts:-0 0 0}"
  if ((status != 0 && failed == 0)); then failed=1; fi # a build or runner failure counts as a failure
  if ((skipped > 0)); then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  ((status == 0 && failed == 0))
}

harness() {
  dotnet "src/Harness.Cli/bin/$CONFIGURATION/net10.0/harness.dll" "$@"
}

bench() {
  dotnet build bench/Harness.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet bench/Harness.Benchmarks/bin/Release/net10.0/Harness.Benchmarks.dll "$@"
}

# The quickstart resumes an earlier run in results/runs/quickstart (finished cells are kept); delete the folder to start over.
# The embedded model's matrices are too small for OpenBLAS's own thread pool, whose spinning workers then compete with
# libtorch's OpenMP threads: on a 2-core VM ./run-all.sh took 67 s with the pool and 40 s without it (36 s with
# HARNESS_NUM_THREADS=1 as well), and the nightly job 9 s against 4.8 s, its per-item times jumping up to 6-fold from run
# to run, enough to fail its timing comparison. A value already set wins.
tiny_model_threads() {
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
}

quickstart() {
  tiny_model_threads
  say "main job: harness run experiments/quickstart.yaml (results/runs/quickstart, OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS)"
  harness run experiments/quickstart.yaml --resume
  harness report results/runs/quickstart
}

# A fresh nightly run each time, compared with the committed baseline.
nightly() {
  tiny_model_threads
  say "nightly: harness run experiments/nightly.yaml (results/runs/nightly, OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS), compared with results/baseline"
  rm -rf results/runs/nightly
  harness run experiments/nightly.yaml
  harness report results/runs/nightly
  harness compare results/runs/nightly results/baseline --out results/runs/nightly/comparison
}

# The HTML report as a reader sees it, for docs/: the quickstart's report and a paper-style one (ReAGent's token-level
# experiment cut down to the tiny models, as PaperExperimentsTests runs it), each captured by headless Chromium in a
# 1280-pixel-wide window (the width the report's layout rule is checked at).
screenshots() {
  if ! command -v chromium >/dev/null 2>&1; then
    say "error: chromium is missing; ./run-all.sh setup installs it"
    exit 1
  fi
  tiny_model_threads
  harness run experiments/quickstart.yaml --resume
  harness report results/runs/quickstart
  local paper=results/runs/reagent_token_level_tiny
  rm -rf "$paper"
  harness run experiments/reagent_token_level.yaml --model-path experiments/models/tiny-gpt2 \
    --masked-lm-path experiments/models/tiny-roberta --device cpu --dtype float32 --only-model gpt2-medium --sample 2 \
    --skip-long --set reagent.max_steps=6 --set integrated_gradients.steps=4 --output "$paper"
  harness report "$paper"
  # The quickstart's figures (a dataset page scrolled to them), and the top of the paper report's LAMBADA page (its table,
  # figures and a heatmap; the tiny model gets no LongRA analogy right, so that page is empty).
  capture results/runs/quickstart/report dataset_key_value_recall.html#figures docs/report-quickstart.png 1800
  capture "$paper/report" dataset_lambada.html docs/report-paper.png 1800
}

# capture REPORT_FOLDER PAGE[#ANCHOR] PNG HEIGHT: a 1280 x HEIGHT screenshot of the page. Headless Chromium does not scroll
# to an anchor of the page it captures, so the page is framed by a throwaway page, which does.
capture() {
  local frame="$1/.screenshot-frame.html"
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="%s" style="border:0;width:1280px;height:%spx"></iframe></body></html>\n' \
    "$2" "$4" >"$frame"
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
    --user-data-dir="$profile" --virtual-time-budget=10000 --window-size="1280,$4" --screenshot="$PWD/$3" \
    "file://$(realpath "$frame")" >/dev/null 2>&1
  rm -rf "$profile" "$frame"
  [[ -s "$3" ]] || { say "error: chromium wrote no $3"; exit 1; }
  say "screenshot: $3 ($(du -h "$3" | cut -f1))"
}

# Self-contained binaries (the CLI, the bench suite, the binding and model test projects as self-running executables)
# and the hf-parity fixtures, for `gpu-check --bundle` on a GPU machine that has PyTorch but no .NET. The CPU shim is
# left out: the GPU machine builds its own against its PyTorch.
gpu_bundle() {
  local dir=.publish/gpu
  rm -rf "$dir" && mkdir -p "$dir/stage/bin" "$dir/stage/shared/fixtures"   # tests only: the GPU tests' fixtures
  local project
  for project in src/Harness.Cli bench/Harness.Benchmarks tests/Harness.Torch.Tests tests/Harness.Models.Tests; do
    say "gpu-bundle: dotnet publish $project (self-contained, linux-x64)"
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:HarnessTestExe=true -o "$dir/stage/bin" \
      -nologo -v quiet -clp:ErrorsOnly
  done
  rm -f "$dir/stage/bin/libharness_torch.so"
  # What the GPU machine never loads: BenchmarkDotNet's disassembler (Capstone, Iced) and its profilers' tracing
  # libraries (ClrMD, TraceEvent, EventPipe client; the suite uses no diagnoser), and the runtime's debugger and
  # crash-dump support. ~17 MB unpacked, ~6 MB of the archive, which has to fit beside the checkout in what a device
  # call carries (64 MiB in all; checked below). Roslyn stays: BenchmarkDotNet's validators and a binding test load it.
  (cd "$dir/stage/bin" && rm -f libcapstone.so Gee.External.Capstone.dll Iced.dll Microsoft.Diagnostics.Runtime.dll \
    Microsoft.Diagnostics.Tracing.TraceEvent.dll Microsoft.Diagnostics.FastSerialization.dll \
    Microsoft.Diagnostics.NETCore.Client.dll libmscordaccore.so libmscordbi.so createdump)
  cp -r ../shared/fixtures/hf-parity "$dir/stage/shared/fixtures/"   # tests only: the parity tests' fixtures
  local config name   # and the chat-template parity tests' templates (tokenizer_config.json alone, ~110 KB):
  for config in ../shared/fixtures/tokenizers/*/tokenizer_config.json; do   # tests only
    name=$(basename "$(dirname "$config")")
    mkdir -p "$dir/stage/shared/fixtures/tokenizers/$name" && cp "$config" "$dir/stage/shared/fixtures/tokenizers/$name/"   # tests only
  done
  # Captum's source for gpu-check's comparison step (pure Python; CAPTUM_SRC, e.g. a git snapshot's v0.8.0 captum/).
  if [[ -f "${CAPTUM_SRC:-/tmp/captum}/captum/__init__.py" ]]; then
    mkdir -p "$dir/stage/captum" && cp -r "${CAPTUM_SRC:-/tmp/captum}/captum" "$dir/stage/captum/"
  fi
  git rev-parse HEAD >"$dir/stage/commit"
  tar -C "$dir/stage" -cf - . | xz -9 >"$dir/bundle.tar.xz"
  rm -rf "$dir/stage"
  # A device call carries the tracked files and the carried bundle, 64 MiB together.
  local tree bundle limit=$((64 * 1024 * 1024))
  tree=$(git ls-files -z | xargs -0 stat -c %s | awk '{s += $1} END {print s}')
  bundle=$(stat -c %s "$dir/bundle.tar.xz")
  say "gpu-bundle: $dir/bundle.tar.xz ($((bundle / 1048576)) MiB; with the checkout's $((tree / 1048576)) MiB: $(((tree + bundle) / 1048576)) of the 64 MiB a device call carries); on the GPU machine: ./run-all.sh gpu-check --bundle $dir/bundle.tar.xz"
  if ((tree + bundle > limit)); then
    say "error: the bundle and the checkout exceed 64 MiB together; a device call would refuse them"
    exit 1
  fi
}

command="${1:-all}"
[[ $# -gt 0 ]] && shift
case "$command" in
  setup) setup ;;
  build) build ;;
  test) test_all "$@" ;;
  bench) bench "$@" ;;
  harness) harness "$@" ;;
  nightly) build && nightly ;;
  screenshots) build && screenshots ;;
  gpu-check) bash deploy/gpu-check.sh "$@" ;;
  gpu-bundle) gpu_bundle ;;
  all)
    setup
    build
    harness doctor
    quickstart
    ;;
  *)
    echo "unknown command '$command'; expected one of: setup, build, test, bench, nightly, screenshots, harness, gpu-check, gpu-bundle (or nothing for all)" >&2
    exit 2
    ;;
esac
