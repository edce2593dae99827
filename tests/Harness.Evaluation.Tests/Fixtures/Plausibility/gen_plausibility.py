"""Reference values of the plausibility metrics from their own code: ERASER's soft-token scores
(jayded/eraserbenchmark rationale_benchmark/metrics.py: `_auprc`, and `_score_aggregator` with scikit-learn's
average_precision_score and roc_auc_score, single-class instances discarded) and ferret's plausibility evaluators
(g8a9/ferret ferret/evaluators/plausibility_measures.py: AUPRC_PlausibilityEvaluation, Tokenf1_PlausibilityEvaluation,
TokenIOU_PlausibilityEvaluation), both run unchanged from git checkouts.

    python3 gen_plausibility.py FERRET_GIT ERASER_GIT > plausibility_reference.json

Stand-ins: ferret's package __init__ files import its model helpers and speech code, and ERASER's metrics.py imports
its data utilities; none of them is used by the functions called here, so those imports get empty modules. ferret's
BaseEvaluator (the real class) is built with a placeholder model and a tokenizer without a [CLS] token, as a decoder's is.
Every score is a float32 value (the harness's scores are float32), written as the float64 number it equals.
"""
import json
import subprocess
import sys
import types
import warnings

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, roc_auc_score

FERRET_GIT, ERASER_GIT = sys.argv[1], sys.argv[2]


def source(git_dir, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True, capture_output=True, text=True).stdout


def commit(git_dir):
    return subprocess.run(["git", "--git-dir", git_dir, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def module(name, code=None, package=False):
    mod = types.ModuleType(name)
    if package:
        mod.__path__ = []
    mod.__package__ = name if package else name.rpartition(".")[0]
    sys.modules[name] = mod
    if code is not None:
        exec(compile(code, f"<{name}>", "exec"), mod.__dict__)
    return mod


# ferret: its own explanation, evaluator base, evaluation and plausibility modules; stand-ins for what they import
# but never call here (model helpers, speech explanations).
module("ferret", package=True)
module("ferret.explainers", package=True)
module("ferret.explainers.explanation", source(FERRET_GIT, "ferret/explainers/explanation.py"))
module("ferret.explainers.explanation_speech", package=True)
speech = module("ferret.explainers.explanation_speech.explanation_speech")
speech.ExplanationSpeech = speech.EvaluationSpeech = type("Unused", (), {})
modeling = module("ferret.modeling")
modeling.create_helper = lambda model, tokenizer, task_name: types.SimpleNamespace(tokenizer=tokenizer)
evaluators = module("ferret.evaluators", source(FERRET_GIT, "ferret/evaluators/__init__.py"), package=True)
module("ferret.evaluators.evaluation", source(FERRET_GIT, "ferret/evaluators/evaluation.py"))
module("ferret.evaluators.utils_from_soft_to_discrete", source(FERRET_GIT, "ferret/evaluators/utils_from_soft_to_discrete.py"))
plausibility = module("ferret.evaluators.plausibility_measures", source(FERRET_GIT, "ferret/evaluators/plausibility_measures.py"))
ExplanationWithRationale = sys.modules["ferret.explainers.explanation"].ExplanationWithRationale

# ERASER: metrics.py as it is, its data utilities stubbed.
module("rationale_benchmark", package=True)
utils = module("rationale_benchmark.utils")
for name in ["Annotation", "Evidence", "annotations_from_jsonl", "load_jsonl", "load_documents", "load_flattened_documents"]:
    setattr(utils, name, None)
eraser = module("rationale_benchmark.metrics", source(ERASER_GIT, "rationale_benchmark/metrics.py"))

decoder_tokenizer = types.SimpleNamespace(cls_token=None)
ferret_auprc = plausibility.AUPRC_PlausibilityEvaluation(object(), decoder_tokenizer, "text-classification")
ferret_f1 = plausibility.Tokenf1_PlausibilityEvaluation(object(), decoder_tokenizer, "text-classification")
ferret_iou = plausibility.TokenIOU_PlausibilityEvaluation(object(), decoder_tokenizer, "text-classification")


def number(value):
    value = float(value)
    return None if np.isnan(value) else value


def eraser_scores(truth, scores):
    key = {("a", "d"): truth}
    pred = {("a", "d"): scores}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # np.average of no instance: ERASER's discarded single-class case, NaN
        return {
            "auprc": number(eraser._auprc(key, pred)),
            "average_precision": number(eraser._score_aggregator(key, pred, average_precision_score, True)),
            "roc_auc": number(eraser._score_aggregator(key, pred, roc_auc_score, True)),
        }


def ferret_scores(truth, scores, only_pos, top_k):
    explanation = ExplanationWithRationale(
        text=" ".join(f"t{i}" for i in range(len(scores))), tokens=[f"t{i}" for i in range(len(scores))],
        scores=np.array(scores), explainer="fixture", target_pos_idx=1, helper_type="text-classification",
        rationale=list(truth))
    # remove_first_last=False: a decoder's explanation has no [CLS]/[SEP]; ferret's default (True) trims the rationale
    # but not the scores when the first token is not [CLS], and then fails on the length mismatch.
    args = dict(remove_first_last=False, only_pos=only_pos, top_k_rationale=top_k)
    return {
        "auprc": number(ferret_auprc.compute_evaluation(explanation, **args).value),
        "token_f1": number(ferret_f1.compute_evaluation(explanation, **args).value),
        "token_iou": number(ferret_iou.compute_evaluation(explanation, **args).value),
    }


def cases():
    rng = np.random.RandomState(20261207)
    made = []
    # Random rationales over 3..50 features, with negative scores; tied scores only up to 16 features, where numpy's
    # argsort (ferret's top-k) is an insertion sort and so orders ties by position; past 16 it is an introsort whose
    # order among ties is numpy's implementation detail.
    for n in [3, 4, 5, 6, 8, 10, 12, 16, 20, 33, 50]:
        for variant in ["distinct", "ties", "all_relevant", "one_relevant", "no_positive"]:
            if variant == "ties" and n > 16:
                continue
            scores = rng.standard_normal(n).astype(np.float32)
            if variant == "ties":
                scores = np.round(scores * 2).astype(np.float32) / np.float32(2)
            if variant == "no_positive":
                scores = -np.abs(scores)
            size = {"all_relevant": n, "one_relevant": 1}.get(variant, int(rng.randint(1, n)))
            truth = np.zeros(n, dtype=int)
            truth[rng.choice(n, size, replace=False)] = 1
            made.append((f"n{n}_{variant}", truth, scores))
    # Hand-made corners: everything tied, zeros beside negatives, positive scores fewer than k.
    made.append(("all_tied", np.array([1, 0, 1, 0, 0]), np.full(5, 0.5, dtype=np.float32)))
    made.append(("zeros_and_negatives", np.array([0, 1, 0, 1, 0, 0]), np.array([0, 0, -1, 0.25, -0.5, 0], dtype=np.float32)))
    made.append(("two_positive", np.array([1, 0, 0, 1, 0, 0, 0]), np.array([0.3, -0.1, 0.2, -0.4, -0.2, -0.3, -0.5], dtype=np.float32)))
    return made


out = {
    "generator": "gen_plausibility.py",
    "ferret_commit": commit(FERRET_GIT),
    "eraser_commit": commit(ERASER_GIT),
    "environment": {"numpy": np.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0]},
    "note": "eraser: per instance, as score_soft_tokens computes each (it averages them over instances); null = NaN "
            "(a single-class instance, which ERASER leaves out of average precision and ROC AUC). ferret: "
            "remove_first_last=False, for each only_pos and top_k_rationale.",
    "cases": [],
}
for name, truth, scores in cases():
    values = [float(s) for s in scores]
    ferret = [dict(only_pos=only_pos, top_k=k, **ferret_scores(truth, values, only_pos, k))
              for only_pos in [True, False] for k in [1, 3, 5, 10]]
    out["cases"].append({"name": name, "rationale": truth.tolist(), "scores": values,
                         "eraser": eraser_scores(truth.tolist(), values), "ferret": ferret})
# One case per line: the file reads as a table and diffs by case.
cases_json = ",\n  ".join(json.dumps(c) for c in out.pop("cases"))
head = json.dumps(out, indent=1)[:-2]
print(f'{head},\n "cases": [\n  {cases_json}\n ]\n}}')
