#!/usr/bin/env bash
# Retrains the embedded AT2 estimator beside this script: `harness train-at2` for experiments/models/tiny-gpt2 on the
# first 64 train-split examples of each synthetic task (the items an experiment of the four tasks builds with
# `split: train, sample: 64, seed: 0`), every context token a source, the trainer's defaults (AT2's).
#   experiments/models/tiny-gpt2-at2/retrain.sh      (from the repository root, after ./run-all.sh build)
set -euo pipefail
harness() { dotnet src/Harness.Cli/bin/Release/net10.0/harness.dll "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tasks=(long_range_agreement key_value_recall keyword_sentiment multi_passage_qa)
{
  echo "name: at2_train"
  echo "seeds: [0]"
  echo "models: [{name: tiny-gpt2, path: $PWD/experiments/models/tiny-gpt2}]"
  echo "datasets:"
  for t in "${tasks[@]}"; do echo "  - {name: $t, task: $t, reader: synthetic, split: train, sample: 64, seed: 0}"; done
  echo "attributors: [random]"
  echo "metrics: [plausibility]"
} >"$work/at2_train.yaml"
# The run freezes each dataset's items (context and target ids) in its store; the random attributor needs no model call.
harness run "$work/at2_train.yaml" --output "$work/run" >/dev/null
for t in "${tasks[@]}"; do
  sqlite3 "$work/run/results.sqlite" "SELECT json_object('context_ids', json(json_extract(item.value, '\$.ContextIds')),
    'target_ids', json(json_extract(item.value, '\$.TargetIds'))) FROM targets, json_each(targets.items_json) AS item
    WHERE targets.dataset = '$t' ORDER BY item.key"
done >"$work/train.jsonl"
harness train-at2 experiments/models/tiny-gpt2 --examples "$work/train.jsonl" --out "$(dirname "$0")"
