#!/usr/bin/env bash
# The same-run comparison of the harness with PyTorch eager and Captum (issue 27 items 6 and 7): one GPT-2-small-sized
# random model written once as a Hugging Face folder, both sides loading it; 64 tokens, one target token; each case
# runs on the harness's side (bench/Harness.Benchmarks, CaptumComparisonBenchmarks) and then on PyTorch/Captum's
# (bench/pytorch/captum_compare.py), case after case, so that both share the machine's state; then the table
# (bench/pytorch/compare_table.py): OUT/comparison.md and .csv, the machine named.
#
#   bench/compare.sh [--device cpu|cuda] [--repeats N] [--cases a,b] [--out DIR] [--captum DIR]
#
#   --captum DIR   a Captum source tree (the folder holding captum/); default $CAPTUM_SRC, else /tmp/captum. Captum is
#                  pure Python: from a git snapshot, git --git-dir=SNAPSHOT archive v0.8.0 captum | tar -x -C /tmp/captum
#   --out DIR      default results/bench/<UTC date>/compare-<device>
# The harness's side: the Release build (dotnet build bench/Harness.Benchmarks -c Release), or $HARNESS_BENCH_BIN (a
# published Harness.Benchmarks, as in the GPU bundle). Python: $PYTHON, else the first of python3, /usr/bin/python3
# that imports torch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DEVICE=cpu
REPEATS=3
CASES=occlusion,lime,saliency,integrated_gradients,forward_1x64,forward_16x64,forward_16x64_last1
OUT=""
CAPTUM="${CAPTUM_SRC:-/tmp/captum}"
while (($#)); do
  case "$1" in
    --device) DEVICE="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --captum) CAPTUM="$2"; shift 2 ;;
    *) echo "compare.sh: unknown argument '$1' (expected --device, --repeats, --cases, --out, --captum)" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-results/bench/$(date -u +%F)/compare-${DEVICE%%:*}}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [[ -z "${PYTHON:-}" ]]; then
  for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c "import torch" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
  done
fi
[[ -n "${PYTHON:-}" ]] || { echo "compare.sh: no python3 imports torch (Debian: apt-get install python3-torch python3-numpy)" >&2; exit 2; }
[[ -f "$CAPTUM/captum/__init__.py" ]] || { echo "compare.sh: no Captum source at $CAPTUM (see --captum)" >&2; exit 2; }
PYTHONPATH="$CAPTUM${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -c "import captum" ||
  { echo "compare.sh: Captum at $CAPTUM does not import with $PYTHON (Captum 0.8 needs matplotlib and numpy)" >&2; exit 2; }

if [[ -n "${HARNESS_BENCH_BIN:-}" ]]; then ours() { "$HARNESS_BENCH_BIN" "$@"; }
else
  DLL=bench/Harness.Benchmarks/bin/Release/net10.0/Harness.Benchmarks.dll
  [[ -f $DLL ]] || { echo "compare.sh: $DLL is missing; build it: dotnet build bench/Harness.Benchmarks -c Release" >&2; exit 2; }
  ours() { dotnet "$DLL" "$@"; }
fi

export HARNESS_COMPARE_MODEL="${HARNESS_COMPARE_MODEL:-${TMPDIR:-/tmp}/harness-compare-gpt2-small}"
export HARNESS_COMPARE_OUT="$OUT" HARNESS_BENCH_DEVICE="$DEVICE" HARNESS_BENCH_DTYPE=float32
rm -f "$OUT/ours.jsonl" "$OUT/captum.jsonl"
{
  echo "$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB;" \
    "$(. /etc/os-release && echo "$PRETTY_NAME"); load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  if [[ $DEVICE == cuda* ]] && command -v nvidia-smi >/dev/null 2>&1; then
    echo "; GPU $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -1)"
  fi
  PYTHONPATH="$CAPTUM" "$PYTHON" -c "import torch, captum; print(f'; device {\"$DEVICE\"}, PyTorch {torch.__version__} (CUDA {torch.version.cuda}), Captum {captum.__version__}')"
} | tr -d '\n' >"$OUT/machine.txt"
echo >>"$OUT/machine.txt"
cat "$OUT/machine.txt"

# BenchmarkDotNet raises its process to high priority (nice -11 on Linux); the Python side gets the same where it may
# (root), so that neither side is favoured on a machine shared with other work.
PRIORITY=()
nice -n -11 true 2>/dev/null && PRIORITY=(nice -n -11)

IFS=, read -r -a LIST <<<"$CASES"
for case in "${LIST[@]}"; do
  echo "== $case: harness" >&2
  # BenchmarkDotNet's jitting call warms up; then REPEATS measured calls.
  HARNESS_COMPARE_CASES=$case ours --filter '*CaptumComparison*' --warmupCount 0 --iterationCount "$REPEATS" >"$OUT/harness-$case.log" 2>&1 ||
    { echo "compare.sh: the harness's $case failed; see $OUT/harness-$case.log" >&2; exit 1; }
  echo "== $case: PyTorch/Captum" >&2
  PYTHONPATH="$CAPTUM${PYTHONPATH:+:$PYTHONPATH}" "${PRIORITY[@]}" "$PYTHON" bench/pytorch/captum_compare.py --model "$HARNESS_COMPARE_MODEL" \
    --case "$case" --device "$DEVICE" --out "$OUT" --repeats "$REPEATS" 2>&1 | tee "$OUT/captum-$case.log" >&2
done
"$PYTHON" bench/pytorch/compare_table.py --out "$OUT" --model "$HARNESS_COMPARE_MODEL" --repeats "$REPEATS"
