#!/usr/bin/env bash
# One call of the device tool (a lent GPU machine with PyTorch, no .NET, no network): the GPU check from the bundle
# that `./run-all.sh gpu-bundle` made here and the call carries, its results packed into $OUT, which is what comes
# back (at most 8 files). Prepare and send, from the checkout's root:
#
#   ./run-all.sh gpu-bundle                       # here: .publish/gpu/bundle.tar.xz, checked to fit the 64 MiB a call carries
#   device run: command "bash deploy/gpu-device-call.sh", carry [".publish/gpu"], timeout_s 590
#
#   bash deploy/gpu-device-call.sh [STEPS]        STEPS as gpu-check's --only; default: issue 27's GPU targets and the
#                                                 checks that the binding and models run on cuda
# The whole check keeps inside HARNESS_GPU_BUDGET (here 540 s by default), leaving the call's 600 s room to pack; the
# steps' own limits are maxima, and a step that no longer fits is recorded as not run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STEPS="${1:-environment,shim,doctor,binding-tests,parity-tests,captum-compare,reagent-paper}"
RESULTS=/tmp/gpu-results
OUT="${OUT:-/tmp/gpu-out}"
rm -rf "$RESULTS" && mkdir -p "$OUT"
HARNESS_GPU_BUDGET="${HARNESS_GPU_BUDGET:-540}" HARNESS_GPU_RESULTS="$RESULTS" bash run-all.sh gpu-check --bundle .publish/gpu/bundle.tar.xz --only "$STEPS"
rc=$?
# summary.md to read at once; everything else (logs, test results, exports; no model files) in one archive.
cp "$RESULTS/summary.md" "$OUT/" 2>/dev/null
# (bench/compare.sh's BenchmarkDotNet logs land in the checkout's results/bench/<date>/: packed as bench-exports/.)
[[ -d "results/bench/$(date -u +%F)" ]] && cp -r "results/bench/$(date -u +%F)" "$RESULTS/bench-exports"
tar -C "$RESULTS" -czf "$OUT/gpu-results.tar.gz" --exclude='*.safetensors' --exclude='*.sqlite*' .
echo "gpu-device-call: gpu-check exited $rc; $OUT holds summary.md and gpu-results.tar.gz ($(du -h "$OUT/gpu-results.tar.gz" | cut -f1))"
exit $rc
