"""More ContextCite solver problems in the layout of ../shared/fixtures/reference/contextcite_solver.json: masks from
context_cite.utils._create_mask, synthetic float32 token logit-probs, aggregate_logit_probs and LassoRegression.fit run
unchanged from MadryLab/context-cite 0e646f5 (nltk, spacy, datasets, pandas as import-only stubs; transformers from
the reference env). Run through make.sh beside this file. Problem names differ from the visible n6 ones.
"""
import json, sys
import numpy as np
import torch
import transformers
transformers.DataCollatorForSeq2Seq = type("DataCollatorForSeq2Seq", (), {})  # placeholder, unused by the calls here
from context_cite.utils import _create_mask, aggregate_logit_probs
from context_cite.solver import LassoRegression

# (name, n_sources, response tokens, num_masks, noise, sub-ranges beyond the whole response)
PROBLEMS = [("n3_T1", 3, 1, 64, 0.1, []), ("n10_T2", 10, 2, 64, 0.1, [(1, 2)]), ("n20_T5", 20, 5, 64, 0.3, [(0, 3), (2, 5)]),
            ("n32_T3", 32, 3, 64, 0.1, [(1, 3)]), ("n12_T1_256", 12, 1, 256, 0.5, []), ("n8_T6_noisy", 8, 6, 64, 1.0, [(3, 4)])]


def problem(name, n, T, num_masks, noise, ranges, seed):
    masks = np.stack([_create_mask(n, 0.5, i + 0) for i in range(num_masks)])
    rng = np.random.RandomState(seed)
    w = rng.normal(0, 1, (T, n)) * (rng.uniform(size=(T, n)) < 0.5)
    b = rng.normal(0, 0.5, T)
    lp = (b + masks @ w.T + rng.normal(0, noise, (num_masks, T))).astype(np.float32)
    fits = []
    for a, z in [(0, T)] + ranges:
        outputs = aggregate_logit_probs(lp[:, a:z], output_type="logit_prob")
        solver = LassoRegression()
        weight, bias = solver.fit(masks, outputs, z - a)
        # n_iter from the same pipeline (LassoRegression keeps no handle): refit identically to read it
        from sklearn.preprocessing import StandardScaler
        from sklearn.linear_model import Lasso
        from sklearn.pipeline import make_pipeline
        lasso = Lasso(alpha=0.01, random_state=0, fit_intercept=True)
        make_pipeline(StandardScaler(), lasso).fit(masks.astype(np.float32), outputs / (z - a))
        fits.append({"ids_range": [a, z], "num_output_tokens": z - a, "output_type": "logit_prob",
                     "outputs": [float(v) for v in outputs], "outputs_dtype": str(outputs.dtype),
                     "weight": [float(v) for v in np.ravel(weight)], "bias": float(np.ravel(bias)[0]), "lasso_n_iter": int(lasso.n_iter_)})
    return {"name": name, "n_sources": n, "response_tokens": T, "masks": masks.astype(int).tolist(),
            "token_logit_probs_float32": lp.astype(float).tolist(), "fits": fits}


if __name__ == "__main__":
    out = [problem(*p, seed=7000 + i) for i, p in enumerate(PROBLEMS)]
    json.dump({"problems": out}, open(sys.argv[1], "w"))
    print("wrote", len(out), "problems")
