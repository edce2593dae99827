"""AT2's attributor (at2/attribution/attributors.py ScoreEstimationAttributor with a LinearScoreEstimator over
AttentionFeatureExtractor, unchanged) on the fixture models AT2 computes attention for (llama, qwen2, phi3 of
../shared/fixtures/hf-parity), in float32 and float64: a prompt of random ids, a target span after it, sources that are
groups of prompt tokens (single tokens, pairs, a run of three; some tokens in no source), and a random theta.

AT2 recomputes each layer's attention rows from the hidden states of the whole sequence (get_attention_weights, the rows
that predict the target tokens), sums them over each source's tokens with theta and averages over the target tokens.
The task is a stand-in holding what the attributor reads: the model, the hidden states (a forward over prompt and
target, the last position dropped, as AttributionTask.get_hidden_states), the target's token range and the sources'.
at2.utils and at2.tasks are replaced by empty modules (at2_stand_ins.py) since the attributor does not use them.

Run through make.sh beside this file.
"""
import json
import sys

import torch

import at2_stand_ins  # noqa: F401  (before at2.attribution)

from at2.attribution.attributors import ScoreEstimationAttributor  # noqa: E402
from at2.attribution.features import AttentionFeatureExtractor  # noqa: E402
from at2.attribution.score_estimators import LinearScoreEstimator  # noqa: E402

from gen_captum_reagent import floats, load  # noqa: E402

MODELS = {"llama": "llama", "qwen2": "qwen2", "phi3": "phi3"}
# name: (prompt length, target length, seed); sources are listed per case below.
CASES = {"c1": (9, 3, 4), "c2": (12, 1, 9), "c3": (7, 4, 17)}


class Task:
    """What ScoreEstimationAttributor and AttentionFeatureExtractor read of an AttributionTask."""

    def __init__(self, model, ids, prompt_length, sources):
        self.model = model
        with torch.no_grad():
            output = model(torch.tensor([ids]), output_hidden_states=True)
        self.hidden_states = [h[:, :-1] for h in output.hidden_states]
        self.target_token_range = (prompt_length, len(ids))
        self.target_ids = ids[prompt_length:]
        self.source_token_ranges = sources
        self.num_sources = len(sources)


def sources_of(prompt_length):
    """Token 0, a pair, a run of three and single tokens to the end, leaving token 1 and one other in no source."""
    ranges = [(0, 1), (2, 4), (4, 7)] + [(i, i + 1) for i in range(8, prompt_length)]
    return [(s, e) for s, e in ranges if e <= prompt_length]


def case_result(model, model_type, ids, prompt_length, theta):
    sources = sources_of(prompt_length)
    layers, heads = len(model.model.layers), model.config.num_attention_heads
    estimator = LinearScoreEstimator(AttentionFeatureExtractor(layers, heads, model_type=model_type))
    with torch.no_grad():
        estimator.linear.weight[:] = torch.tensor(theta, dtype=estimator.linear.weight.dtype)
    attributor = ScoreEstimationAttributor(Task(model, ids, prompt_length, sources), estimator)
    scores = attributor.get_attribution_scores(token_start=0, token_end=len(ids) - prompt_length)
    return {"sources": [list(r) for r in sources], "theta": theta, "layers": layers, "heads": heads,
            "scores": [float(v) for v in scores], "scores_dtype": str(scores.dtype)}


def main(out):
    cases = []
    for name, model_type in MODELS.items():
        for case, (prompt_length, target_length, seed) in CASES.items():
            g = torch.Generator().manual_seed(seed)
            ids = torch.randint(1, 97, (prompt_length + target_length,), generator=g).tolist()
            entry = {"model_fixture": name, "prompt": case, "input_ids": ids[:prompt_length], "target_ids": ids[prompt_length:], "results": {}}
            for precision in ["float32", "float64"]:
                model = load(name, precision)
                width = len(model.model.layers) * model.config.num_attention_heads
                theta = floats(torch.randn(width, generator=torch.Generator().manual_seed(seed + 1000)))
                try:
                    entry["results"][precision] = {"at2": case_result(model, model_type, ids, prompt_length, theta)}
                except Exception as e:
                    entry["results"][precision] = {"at2": {"error": f"{type(e).__name__}: {e}"}}
            cases.append(entry)
            print(name, case, "done", flush=True)
    import transformers
    env = {"torch": torch.__version__, "transformers": transformers.__version__, "python": sys.version.split()[0]}
    json.dump({"generator": "gen_at2_attributor.py", "library": "MadryLab/AT2 5fd42ba1e1c5978bc6926cbec9dd216dbacda409",
               "files_used": ["at2/attribution/attributors.py", "at2/attribution/features.py", "at2/attribution/attention.py",
                              "at2/attribution/score_estimators.py"],
               "environment": env,
               "note": "ScoreEstimationAttributor scores (float32 numpy, as get_attribution_scores returns them) per source (docstring)",
               "cases": cases}, open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1])
