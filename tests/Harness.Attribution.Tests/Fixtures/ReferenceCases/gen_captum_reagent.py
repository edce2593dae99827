"""Cross-model reference cases for Captum's LLMAttribution / LLMGradientAttribution and ReAGent's rationalizers and
soft evaluators, in the layout of ../shared/fixtures/reference/{captum_llm_attr,reagent_importance}.json, on every
causal fixture model of ../shared/fixtures/hf-parity and prompts p1 (n 8, seed 11), p2 (n 13, seed 5), p3 (n 5, seed 23).

Run through make.sh beside this file (the official code runs unchanged; torch.Tensor.cuda is the identity, as the visible
fixture's deviation says; matplotlib is an import-only stand-in from stubs/). The visible gpt2/p1 case, which
../shared holds, is checked to be reproduced exactly and left out of the output.
"""
import json, sys
import os
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("HARNESS_SHARED") or os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "shared"))
import numpy as np
import torch

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
torch.Tensor.cuda = lambda self, *a, **k: self

from transformers import AutoModelForCausalLM
from captum.attr import FeatureAblation, ShapleyValueSampling, LayerIntegratedGradients, LayerGradientXActivation, LLMAttribution, LLMGradientAttribution, TextTokenInput

from rationalization.rationalizer.importance_score_evaluator.attention import AttentionImportanceScoreEvaluator
from rationalization.rationalizer.importance_score_evaluator.grad import GradientImportanceScoreEvaluator
from evaluation.evaluator.soft_sufficiency import SoftSufficiencyEvaluator
from evaluation.evaluator.soft_comprehensiveness import SoftComprehensivenessEvaluator
from evaluation.evaluator.soft_norm_sufficiency import SoftNormalizedSufficiencyEvaluator
from evaluation.evaluator.soft_norm_comprehensiveness import SoftNormalizedComprehensivenessEvaluator
from evaluation.evaluator.sufficiency import SufficiencyEvaluator

HF = os.path.join(SHARED, "fixtures", "hf-parity")
MODELS = ["gpt2", "gptj", "llama", "mistral", "opt", "opt_350m_style", "phi3", "qwen2"]
PROMPTS = {"p1": (8, 11), "p2": (13, 5), "p3": (5, 23)}


class IdTokenizer:
    """Captum's tokenizer calls over bare ids: id i <-> 't<i>', text = ' '.join."""
    def encode(self, text, return_tensors=None, add_special_tokens=True):
        ids = [int(t[1:]) for t in text.split()]
        return torch.tensor([ids]) if return_tensors == "pt" else ids
    def __call__(self, text, return_offsets_mapping=False, add_special_tokens=True, **kw):
        ids, offsets, pos = [], [], 0
        for t in text.split(" "):
            ids.append(int(t[1:])); offsets.append((pos, pos + len(t))); pos += len(t) + 1
        return {"input_ids": ids, "offset_mapping": offsets}
    def decode(self, ids):
        ids = ids.tolist() if torch.is_tensor(ids) else ids
        if isinstance(ids, int): ids = [ids]
        return " ".join(f"t{i}" for i in ids)
    def convert_ids_to_tokens(self, ids):
        return [f"t{i}" for i in ids]
    def convert_tokens_to_ids(self, tokens):
        if isinstance(tokens, str): return int(tokens[1:])
        return [int(t[1:]) for t in tokens]


def load(name, precision):
    m = AutoModelForCausalLM.from_pretrained(f"{HF}/{name}", attn_implementation="eager").eval()
    return m.double() if precision == "float64" else m


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


VISIBLE = json.load(open(os.path.join(SHARED, "fixtures", "reference", "captum_llm_attr.json")))["cases"][0]["results"]["float32"]


def captum_results(model, ids, target):
    tok = IdTokenizer()
    text = tok.decode(ids)
    out = {}
    def run(name, fn):
        try:
            out[name] = fn()
        except Exception as e:
            out[name] = {"error": f"{type(e).__name__}: {e}"}
    def fa():
        r = LLMAttribution(FeatureAblation(model), tok).attribute(TextTokenInput(text, tok, baselines=0), target=torch.tensor([target]))
        return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype)}
    def lig(method):
        def f():
            r = LLMGradientAttribution(LayerIntegratedGradients(model, model.get_input_embeddings()), tok).attribute(
                TextTokenInput(text, tok), target=torch.tensor([target]), n_steps=16, method=method)
            return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype),
                    "options": {"n_steps": 16, "method": method}}
        return f
    def lgxa():
        r = LLMGradientAttribution(LayerGradientXActivation(model, model.get_input_embeddings()), tok).attribute(
            TextTokenInput(text, tok), target=torch.tensor([target]))
        return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype), "options": {}}
    def with_options(name, fn):
        def f():
            r = fn(); r["options"] = VISIBLE[name]["options"]; return r
        return f
    fa, lgxa = with_options("feature_ablation", fa), with_options("layer_gradient_x_activation", lgxa)
    lig_ = lig
    lig = lambda method: with_options(f"layer_integrated_gradients_{method}", lig_(method))
    run("feature_ablation", fa)
    run("layer_integrated_gradients_gausslegendre", lig("gausslegendre"))
    run("layer_integrated_gradients_riemann_trapezoid", lig("riemann_trapezoid"))
    run("layer_gradient_x_activation", lgxa)
    # Shapley value sampling draws its permutations with torch.randperm from the global generator: seeded as here,
    # the harness's shapley_sampling with the same seed draws the same ones (one libtorch generator, same calls).
    def svs(seed, samples):
        def f():
            torch.manual_seed(seed)
            r = LLMAttribution(ShapleyValueSampling(model), tok).attribute(TextTokenInput(text, tok, baselines=0), target=torch.tensor([target]), n_samples=samples)
            return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype),
                    "options": {"wrapper": "LLMAttribution(ShapleyValueSampling(model), tok)", "attr_target": "log_prob", "baselines": 0,
                                "n_samples": samples, "torch_manual_seed": seed}}
        return f
    def fa_prob():
        r = LLMAttribution(FeatureAblation(model), tok, attr_target="prob").attribute(TextTokenInput(text, tok, baselines=0), target=torch.tensor([target]))
        options = dict(VISIBLE["feature_ablation"]["options"], attr_target="prob")
        return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype), "options": options}
    run("feature_ablation_prob", fa_prob)
    # Other step counts, with the points and step sizes Captum's approximation_parameters gives for them.
    def lig_steps(method, steps):
        def f():
            from captum.attr._utils.approximation_methods import approximation_parameters
            step_sizes_func, alphas_func = approximation_parameters(method)
            r = LLMGradientAttribution(LayerIntegratedGradients(model, model.get_input_embeddings()), tok).attribute(
                TextTokenInput(text, tok), target=torch.tensor([target]), n_steps=steps, method=method)
            options = dict(VISIBLE[f"layer_integrated_gradients_{method}"]["options"], n_steps=steps,
                           alphas=[float(a) for a in alphas_func(steps)], step_sizes=[float(z) for z in step_sizes_func(steps)])
            return {"seq_attr": floats(r.seq_attr), "token_attr": r.token_attr.tolist(), "result_dtype": str(r.seq_attr.dtype), "options": options}
        return f
    run("layer_integrated_gradients_gausslegendre_n7", lig_steps("gausslegendre", 7))
    # 33 points: torch 1.13's vectorised float32 linspace (this environment) and the scalar one of PyTorch 2.x
    # (pytorch/pytorch#89048), which the harness follows, agree there; at 50 they differ by an ulp.
    run("layer_integrated_gradients_riemann_trapezoid_n33", lig_steps("riemann_trapezoid", 33))
    run("shapley_value_sampling_seed0", svs(0, 5))
    run("shapley_value_sampling_seed7", svs(7, 3))
    return out


def vectors(n):
    half = n // 2
    return {
        "all_ones": [1.0] * n, "all_zeros": [0.0] * n,
        "first_half": [1.0] * half + [0.0] * (n - half),
        "alternating_from_0": [1.0 if i % 2 == 0 else 0.0 for i in range(n)],
        "last_only": [0.0] * (n - 1) + [1.0], "first_only": [1.0] + [0.0] * (n - 1),
    }


def reagent_results(model, ids, target):
    input_ids = torch.tensor([ids])
    target_id = torch.tensor([target])
    scores = {}
    for kind, arg in [("attention", "last"), ("attention", "all"), ("attention", "rollout"),
                      ("gradient", "norm"), ("gradient", "signed"), ("gradient", "integrated_gradients")]:
        key = f"{kind}_{arg}"
        try:
            ev = AttentionImportanceScoreEvaluator(model, None, arg) if kind == "attention" else GradientImportanceScoreEvaluator(model, None, arg)
            s = ev.evaluate(input_ids, target_id)
            scores[key] = {("attn_type" if kind == "attention" else "grad_type"): arg, "important_score": floats(s[0]), "dtype": str(s.dtype)}
        except Exception as e:
            scores[key] = {("attn_type" if kind == "attention" else "grad_type"): arg, "error": f"{type(e).__name__}: {e}"}
    evals = {}
    for name, vec in vectors(len(ids)).items():
        imp = torch.tensor([vec], dtype=next(model.parameters()).dtype)
        try:
            with torch.no_grad():
                e = {"importance_vector": vec}
                e["soft_sufficiency"] = float(SoftSufficiencyEvaluator(model).evaluate(input_ids, target_id, imp))
                e["soft_comprehensiveness"] = float(SoftComprehensivenessEvaluator(model).evaluate(input_ids, target_id, imp))
                e["S0_sufficiency_rationale_ratio_0"] = float(SufficiencyEvaluator(model, rationale_ratio=0).evaluate(input_ids, target_id, imp))
                e["soft_normalized_sufficiency"] = float(SoftNormalizedSufficiencyEvaluator(model).evaluate(input_ids, target_id, imp))
                e["soft_normalized_comprehensiveness"] = float(SoftNormalizedComprehensivenessEvaluator(model).evaluate(input_ids, target_id, imp))
            evals[name] = e
        except Exception as ex:
            evals[name] = {"importance_vector": vec, "error": f"{type(ex).__name__}: {ex}"}
    return {"importance_scores": scores, "evaluators": evals}


def same(a, b):
    """Every value of the visible entry b equal in a (keys a adds are ignored)."""
    if isinstance(b, dict):
        return all(k in a and same(a[k], b[k]) for k in b)
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b or (isinstance(b, float) and b != b and a != a)


def main(out_dir):
    captum_cases, reagent_cases = [], []
    for name in MODELS:
        for prompt, (n, seed) in PROMPTS.items():
            ids = torch.randint(1, 97, (n,), generator=torch.Generator().manual_seed(seed)).tolist()
            m32 = load(name, "float32")
            with torch.no_grad():
                logits = m32(torch.tensor([ids])).logits[0, -1]
            target = int(logits.argmax())
            cc = {"model_fixture": name, "model_class": type(m32).__name__, "prompt": prompt, "input_ids": ids, "target_id": target,
                  "target_logprob_float32": float(logits.log_softmax(-1)[target]), "results": {}}
            rc = {"model_fixture": name, "prompt": prompt, "input_ids": ids, "target_id": target, "results": {}}
            for precision in ["float32", "float64"]:
                model = m32 if precision == "float32" else load(name, "float64")
                torch.manual_seed(0)
                cc["results"][precision] = captum_results(model, ids, target)
                rc["results"][precision] = reagent_results(model, ids, target)
            if (name, prompt) == ("gpt2", "p1"):
                for mine, file in [(cc, "captum_llm_attr.json"), (rc, "reagent_importance.json")]:
                    visible = json.load(open(os.path.join(SHARED, "fixtures", "reference", file)))["cases"][0]
                    for precision, entries in visible["results"].items():
                        ours = mine["results"][precision]
                        # the visible file also records grad_type "integrated" (an error) and prob_original_target
                        pairs = [(f"{key}/{k}", ours[key].get(k), e) for key in ("importance_scores", "evaluators") if key in entries
                                 for k, e in entries[key].items() if "error" not in e]
                        pairs += [(key, ours[key], e) for key, e in entries.items() if key in ours and key not in ("importance_scores", "evaluators")]
                        for key, a, b in pairs:
                            if a is None or not same(a, b):
                                sys.exit(f"{file}: gpt2/p1 {precision} {key} differs from the visible fixture")
                print("gpt2/p1 reproduces the visible fixtures exactly", flush=True)
                continue
            captum_cases.append(cc)
            reagent_cases.append(rc)
            print(name, prompt, "done", flush=True)
    note = "cross-model cases made by gen_captum_reagent.py beside this file (README.md); the visible gpt2/p1 case is in ../shared"
    json.dump({"generator": "gen_captum_reagent.py", "note": note, "cases": captum_cases}, open(f"{out_dir}/captum_llm_attr.json", "w"))
    json.dump({"generator": "gen_captum_reagent.py", "note": note, "cases": reagent_cases}, open(f"{out_dir}/reagent_importance.json", "w"))


if __name__ == "__main__":
    main(sys.argv[1])
