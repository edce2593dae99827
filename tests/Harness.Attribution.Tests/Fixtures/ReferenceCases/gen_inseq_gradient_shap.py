"""Inseq's gradient_shap (Captum's GradientShap on the input embeddings, n_samples 5, stdevs 0, Inseq's baseline and
default aggregation), with np.random.seed(s) and torch.manual_seed(s) right before each call, on the causal fixture
models and prompts of gen_inseq.py, float32 and float64; seeds 0 and 7. Captum draws the interpolation points with
np.random.uniform(0, 1, n_samples) (captum/attr/_core/gradient_shap.py), so a seed fixes them.

Same layout and conventions as gen_inseq.py (whose case runner this reuses); a kind of case ../shared does not hold.
Run through make.sh beside this file.
"""
import json
import sys

import numpy as np
import torch

from gen_inseq import MODELS, PROMPTS, run_case

SEEDS = [0, 7]


def main(out_path):
    cases = []
    for name in MODELS:
        for pname in PROMPTS:
            merged = None
            for seed in SEEDS:
                case, _, _ = run_case(name, pname, methods=[("gradient_shap", {"n_samples": 5})], call_seed=seed)
                for entries in case["results"].values():
                    for entry in entries.values():
                        entry.pop("raw_target_attributions", None)
                if merged is None:
                    merged = {k: v for k, v in case.items() if k != "results"} | {"results": {p: {} for p in case["results"]}}
                for precision, entries in case["results"].items():
                    merged["results"][precision][f"gradient_shap_seed{seed}"] = entries["gradient_shap"]
            cases.append(merged)
            print(f"{name}/{pname} done", flush=True)
    env = {"torch": torch.__version__, "numpy": np.__version__}
    json.dump({"generator": "gen_inseq_gradient_shap.py (beside this file)", "environment": env, "cases": cases}, open(out_path, "w"))
    print(f"wrote {out_path}: {len(cases)} cases")


if __name__ == "__main__":
    main(sys.argv[1])
