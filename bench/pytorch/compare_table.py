"""The table of the same-run comparison (bench/compare.sh): reads OUT/ours.jsonl (the harness,
CaptumComparisonBenchmarks) and OUT/captum.jsonl (captum_compare.py), writes OUT/comparison.md and OUT/comparison.csv.

Per case: the mean seconds of the last REPEATS calls on each side, Captum's time over the harness's (the speed-up),
sequences run forward and backward per call, and the FLOPs those passes cost, counted from the model's shape:
  forward of one sequence of T tokens with the output layer at P positions:
      layers x (24 T D^2 + 4 T^2 D)  +  2 P D V
  (the four weight matrices of a block are 12 D^2 parameters, two FLOPs each per token; attention scores and their
  weighted sum 2 T^2 D each; embeddings and norms left out), and a backward pass twice its forward. The harness runs the
  output layer at the predicting position only (P = 1 for a one-token target, ForwardOptions.LastPositions); Captum's
  forward function computes every position's logits (P = T), as a Hugging Face model does.
Scores of the deterministic methods are compared too (largest absolute difference), to show both sides explained the
same target with the same weights.
"""
import argparse
import csv
import json
import os


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def forward_flops(config, tokens, positions):
    d, layers, vocab = config["n_embd"], config["n_layer"], config["vocab_size"]
    return layers * (24 * tokens * d * d + 4 * tokens * tokens * d) + 2 * positions * d * vocab


def call_flops(config, record, harness):
    """FLOPs of one call from its pass counts (every sequence of a case has the same length)."""
    if record["forward"] == 0:
        return 0
    t = record["tokens"] // record["forward"]
    case = record["case"]
    if case.startswith("forward_"):
        positions = int(case.split("_last")[1]) if "_last" in case else t
    else:
        positions = 1 if harness else t
    per = forward_flops(config, t, positions)
    return record["forward"] * per + 2 * record["backward"] * per


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--model", required=True, help="the compared model's folder (config.json)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with open(os.path.join(args.model, "config.json")) as f:
        config = json.load(f)
    ours, theirs = read(os.path.join(args.out, "ours.jsonl")), read(os.path.join(args.out, "captum.jsonl"))
    machine = open(os.path.join(args.out, "machine.txt")).read().strip() if os.path.exists(os.path.join(args.out, "machine.txt")) else "unknown"

    rows = []
    cases = list(dict.fromkeys(r["case"] for r in ours + theirs))
    for case in cases:
        a = [r for r in ours if r["case"] == case][-args.repeats:]
        b = [r for r in theirs if r["case"] == case][-args.repeats:]
        if not a or not b:
            continue
        sa, sb = sum(r["seconds"] for r in a) / len(a), sum(r["seconds"] for r in b) / len(b)
        diff = ""
        if a[-1]["scores"] and b[-1]["scores"] and case != "lime":  # lime's masks are random draws on each side
            diff = f"{max(abs(x - y) for x, y in zip(a[-1]['scores'], b[-1]['scores'])):.2e}"
        rows.append({
            "case": case, "device": a[-1]["device"], "harness_s": f"{sa:.3f}", "captum_s": f"{sb:.3f}", "speedup": f"{sb / sa:.2f}",
            "harness_calls": len(a), "captum_calls": len(b),
            "harness_fwd": a[-1]["forward"], "harness_bwd": a[-1]["backward"],
            "captum_fwd": b[-1]["forward"], "captum_bwd": b[-1]["backward"],
            "harness_gflop": f"{call_flops(config, a[-1], True) / 1e9:.1f}", "captum_gflop": f"{call_flops(config, b[-1], False) / 1e9:.1f}",
            "max_score_diff": diff,
        })

    with open(os.path.join(args.out, "comparison.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["case"])
        writer.writeheader()
        writer.writerows(rows)

    t, d, v = 64, config["n_embd"], config["vocab_size"]
    full, last = forward_flops(config, t, t), forward_flops(config, t, 1)
    lines = [
        f"Machine: {machine}", "",
        "| case | harness s | torch/Captum s | speed-up | harness fwd/bwd | Captum fwd/bwd | harness GFLOP | Captum GFLOP | max score diff |",
        "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['case']} | {r['harness_s']} | {r['captum_s']} | {r['speedup']}x | {r['harness_fwd']}/{r['harness_bwd']} | "
                     f"{r['captum_fwd']}/{r['captum_bwd']} | {r['harness_gflop']} | {r['captum_gflop']} | {r['max_score_diff']} |")
    lines += [
        "", f"Means of the last {args.repeats} call(s) per side; speed-up = Captum's seconds / the harness's. FLOPs from the pass counts "
        "(bench/pytorch/compare_table.py).", "",
        "Output layer per perturbed forward of 64 tokens (issue 27 item 1: ForwardOptions.LastPositions):", "",
        "| output layer at | GFLOP per sequence | share of the forward | logits of a batch of 16 (float32) |",
        "| --- | ---: | ---: | ---: |",
        f"| all 64 positions | {full / 1e9:.2f} | {2 * t * d * v / full:.0%} | {16 * t * v * 4 / 1e6:.1f} MB |",
        f"| the predicting position | {last / 1e9:.2f} | {2 * d * v / last:.1%} | {16 * v * 4 / 1e6:.1f} MB |",
    ]
    with open(os.path.join(args.out, "comparison.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
