"""Captum's surrogate methods through LLMAttribution: Lime (Bernoulli(0.5) masks, exponential kernel on the cosine distance,
SkLearnLasso(alpha=0.01)) and KernelShap (ones, zeros, then Categorical sizes and a thresholded randn per coalition,
weights 1e6 / 1, SkLearnLinearRegression), after torch.manual_seed, on every causal fixture model of ../shared/fixtures/hf-parity
and the prompts of gen_captum_reagent.py, in float32 and float64 (`model.double()`).

Each entry keeps what Captum handed its interpretable model (the samples' masks, outputs and weights, float32 as Captum casts
them) besides the result, so a test can tell the draws, the forward values and the fit apart.

Run through make.sh beside this file (the official code runs unchanged).
"""
import json
import os
import sys

import torch

from gen_captum_reagent import IdTokenizer, MODELS, PROMPTS, floats, load

import captum
from captum.attr import KernelShap, Lime, LLMAttribution, TextTokenInput
import sklearn

RUNS = [("lime", Lime, 25, 0), ("lime", Lime, 50, 7), ("kernel_shap", KernelShap, 25, 0), ("kernel_shap", KernelShap, 20, 7)]


def recorded(method):
    """The method with its interpretable model's fit recording the one batch LimeBase hands it."""
    record = {}
    fit = method.interpretable_model.fit

    def recording_fit(loader, **kwargs):
        batches = list(loader)
        assert len(batches) == 1, "LimeBase passes every sample in one batch"
        record["x"], record["y"], record["w"] = batches[0]
        return fit(loader, **kwargs)

    method.interpretable_model.fit = recording_fit
    return method, record


def surrogate_result(model, ids, target, kind, method_class, samples, seed):
    tok = IdTokenizer()
    method, record = recorded(method_class(model))
    torch.manual_seed(seed)
    r = LLMAttribution(method, tok).attribute(TextTokenInput(tok.decode(ids), tok, baselines=0), target=torch.tensor([target]), n_samples=samples)
    surrogate = method.interpretable_model
    options = {"wrapper": f"LLMAttribution({method_class.__name__}(model), tok)", "attr_target": "log_prob", "baselines": 0,
               "n_samples": samples, "torch_manual_seed": seed,
               "interpretable_model": type(surrogate).__name__, "construct_kwargs": surrogate.construct_kwargs}
    return {"seq_attr": floats(r.seq_attr), "result_dtype": str(r.seq_attr.dtype), "options": options,
            "samples": {"masks": record["x"].long().tolist(), "outputs": floats(record["y"]), "weights": floats(record["w"]),
                        "dtype": str(record["y"].dtype)},
            "intercept": float(surrogate.bias()) if surrogate.bias() is not None else None}


def main(out):
    cases = []
    for name in MODELS:
        for prompt, (n, seed) in PROMPTS.items():
            ids = torch.randint(1, 97, (n,), generator=torch.Generator().manual_seed(seed)).tolist()
            m32 = load(name, "float32")
            with torch.no_grad():
                target = int(m32(torch.tensor([ids])).logits[0, -1].argmax())
            case = {"model_fixture": name, "model_class": type(m32).__name__, "prompt": prompt, "input_ids": ids, "target_id": target, "results": {}}
            for precision in ["float32", "float64"]:
                model = m32 if precision == "float32" else load(name, "float64")
                entries = {}
                for kind, method_class, samples, run_seed in RUNS:
                    try:
                        entries[f"{kind}_n{samples}_seed{run_seed}"] = surrogate_result(model, ids, target, kind, method_class, samples, run_seed)
                    except Exception as e:
                        entries[f"{kind}_n{samples}_seed{run_seed}"] = {"error": f"{type(e).__name__}: {e}"}
                case["results"][precision] = entries
            cases.append(case)
            print(name, prompt, "done", flush=True)
    env = {"torch": torch.__version__, "sklearn": sklearn.__version__, "captum": captum.__version__, "python": sys.version.split()[0]}
    json.dump({"generator": "gen_captum_surrogates.py", "library": "Captum faac08773131888714b15709b28494ebeea7f6eb", "environment": env,
               "note": "Captum Lime and KernelShap through LLMAttribution after torch.manual_seed (README.md)", "cases": cases}, open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1])
