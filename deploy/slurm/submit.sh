#!/usr/bin/env bash
# Submits a whole experiment to Slurm: the plan job, an N-task GPU array of shards after it, and the merge job after
# the array (which runs whether shards failed or not, and reports what is missing).
#   deploy/slurm/submit.sh N FILE [harness options...]       e.g. deploy/slurm/submit.sh 8 experiments/reagent_token_level.yaml
# Prints the three job ids (plan, array, merge), one per line. SBATCH_* variables and sbatch's own defaults apply
# (partition, account, time limit); HARNESS names the harness command (default ./run-all.sh harness).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if (($# < 2)) || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: deploy/slurm/submit.sh N FILE [harness options...]" >&2
  exit 2
fi
shards="$1"; shift
file="$1"
# The merge job needs only the run folder: the file's own `output`, or --output when given.
merge_args=("$file")
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --output) merge_args+=(--output "${args[i + 1]:-}") ;;
    --output=*) merge_args+=("${args[i]}") ;;
  esac
done
plan=$(sbatch --parsable deploy/slurm/plan.sbatch "$@")
array=$(sbatch --parsable --dependency="afterok:$plan" --array="0-$((shards - 1))" deploy/slurm/run.sbatch "$@")
merge=$(sbatch --parsable --dependency="afterany:$array" deploy/slurm/merge.sbatch "${merge_args[@]}")
printf '%s\n' "$plan" "$array" "$merge"
