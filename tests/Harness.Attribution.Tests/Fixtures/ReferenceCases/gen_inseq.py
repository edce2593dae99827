"""Reference-parity cases for Inseq gradient attributions (saliency, input_x_gradient, integrated_gradients n_steps 16),
made with the OFFICIAL Inseq code (github:inseq-team/inseq a269ee8fbc65f9079109856e0f995e39a6333a8b, unmodified), in the
layout of ../shared/fixtures/reference/inseq_gradient.json, for every causal fixture model of
../shared/fixtures/hf-parity (gpt2 gptj llama mistral opt phi3 qwen2) x prompts p1 (n 8, seed 11), p2 (n 13, seed 5),
p3 (n 5, seed 23), float32 (model as loaded) and float64 (model.double()).

What it does, per (model, prompt):
  ids = torch.randint(1, 97, (n,), generator=torch.Generator().manual_seed(seed)); text = ' '.join(f't{i}')
  target = argmax of float32 logits[0, -1] (greedy next token); float64 reuses it.
  m = inseq.load_model(model, method, tokenizer=tok)
  out = m.attribute(text, generated_texts=text + ' t<target>', show_progress=False, pretty_progress=False,
                    skip_special_tokens=False, **kw)          # kw = {'n_steps': 16} for integrated_gradients
  seq = out.sequence_attributions[0]; agg = seq.aggregate().target_attributions   (Inseq default aggregation)
It first regenerates the visible gpt2/p1 case and prints the max abs difference against the visible fixture
(must be 0), then writes the full file.

Stand-ins / patches (all forced by this machine; Inseq's own files are untouched):
  * stubs/ (on PYTHONPATH): import-only stand-ins for rich, treescope, jaxtyping, matplotlib, mpl_toolkits
    (not installed; only used for display / type annotations).
  * transformers' pure-Python AddedToken (tokenizers is an import-only stub) is an unhashable dataclass:
    AddedToken.__hash__ is patched in (hash of content).
  * IdTokenizer: a transformers PreTrainedTokenizer over ids: token 't<i>' <-> id i, text = ' '.join(tokens),
    bos = eos = unk = 't0' (id 0), vocab size from the model config, no special tokens added on encode
    (so no bos is prepended). tokenize() is a plain whitespace split: HF's added-token trie would otherwise
    split e.g. 't23' into 't2' + '3' once Inseq registers the model's pad/eos token ('t2' for llama) as the
    tokenizer pad token. The script asserts that Inseq saw exactly the intended ids.
  * transformers 4.45.1 / torch 1.13 CPU instead of Inseq's declared transformers>=4.53 / torch 2.x.

Run through make.sh beside this file (it puts Inseq's source and stubs/ on PYTHONPATH).
The visible gpt2/p1 case is checked, then left out of the output (../shared holds it); raw per-hidden attributions
are not written (the tests read the sums and the aggregation).
"""
import copy
import json
import os
import math
import platform
import subprocess
import sys

import numpy as np
import torch

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

import transformers  # noqa: E402
from transformers import AutoModelForCausalLM, PreTrainedTokenizer  # noqa: E402
from transformers.tokenization_utils_base import AddedToken  # noqa: E402

if getattr(AddedToken, "__hash__", None) is None:
    AddedToken.__hash__ = lambda self: hash(str(self))

import captum  # noqa: E402
import inseq  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("HARNESS_SHARED") or os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "shared"))
HF = os.path.join(SHARED, "fixtures", "hf-parity")
VISIBLE = os.path.join(SHARED, "fixtures", "reference", "inseq_gradient.json")
MIRROR = os.environ.get("INSEQ_GIT", "")
MODELS = ["gpt2", "gptj", "llama", "mistral", "opt", "phi3", "qwen2"]
PROMPTS = {"p1": (8, 11), "p2": (13, 5), "p3": (5, 23)}
METHODS = [("saliency", {}), ("input_x_gradient", {}), ("integrated_gradients", {"n_steps": 16})]


class IdTokenizer(PreTrainedTokenizer):
    """PreTrainedTokenizer over bare ids: 't<i>' <-> i; text = ' '.join(tokens); bos = eos = unk = 't0'."""

    model_input_names = ["input_ids", "attention_mask"]

    def __init__(self, vocab_size, **kwargs):
        self._vs = vocab_size
        super().__init__(bos_token="t0", eos_token="t0", unk_token="t0", **kwargs)

    @property
    def vocab_size(self):
        return self._vs

    def get_vocab(self):
        return {f"t{i}": i for i in range(self._vs)}

    def tokenize(self, text, **kwargs):
        return text.split()

    def _tokenize(self, text, **kwargs):
        return text.split()

    def _convert_token_to_id(self, token):
        if len(token) > 1 and token[0] == "t" and token[1:].isdigit() and int(token[1:]) < self._vs:
            return int(token[1:])
        return 0

    def _convert_id_to_token(self, index):
        return f"t{int(index)}"

    def convert_tokens_to_string(self, tokens):
        return " ".join(tokens)

    def save_vocabulary(self, save_directory, filename_prefix=None):
        return ()


def load(name, precision):
    m = AutoModelForCausalLM.from_pretrained(f"{HF}/{name}", attn_implementation="eager").eval()
    return m.double() if precision == "float64" else m


def fl(t):
    return t.detach().to(torch.float64).tolist()


def tok_str(t):
    return t.token if hasattr(t, "token") else str(t)


def run_case(name, pname, methods=METHODS, call_seed=None):
    """One (model, prompt) case of the given methods; with a seed, np.random.seed(seed) and torch.manual_seed(seed)
    right before each call (Captum's GradientShap draws its interpolation points from numpy's global generator)."""
    spec = PROMPTS[pname]
    if isinstance(spec, list):
        ids = list(spec)
    else:
        n, seed = spec
        ids = torch.randint(1, 97, (n,), generator=torch.Generator().manual_seed(seed)).tolist()
    text = " ".join(f"t{i}" for i in ids)
    m32 = load(name, "float32")
    with torch.no_grad():
        target = int(m32(torch.tensor([ids])).logits[0, -1].argmax())
    gen_text = text + f" t{target}"
    case = {
        "model_fixture": name,
        "prompt": pname,
        "input_ids": ids,
        "target_id": target,
        "input_text": text,
        "generated_text": gen_text,
        "results": {},
    }
    notes = {}
    for precision in ["float32", "float64"]:
        res = {}
        for method, kw in methods:
            model = m32 if precision == "float32" else load(name, "float64")
            tok = IdTokenizer(model.config.vocab_size)
            try:
                am = inseq.load_model(model, method, tokenizer=tok)
                if call_seed is not None:
                    np.random.seed(call_seed)
                    torch.manual_seed(call_seed)
                out = am.attribute(
                    text,
                    generated_texts=gen_text,
                    show_progress=False,
                    pretty_progress=False,
                    skip_special_tokens=False,
                    **kw,
                )
                seq = out.sequence_attributions[0]
                raw = seq.target_attributions
                agg = seq.aggregate().target_attributions
                src = [tok_str(t) for t in seq.source]
                tgt = [tok_str(t) for t in seq.target]
                # Inseq must have seen exactly the intended ids (no bos, no re-splitting).
                assert [t.id for t in seq.source] == ids, ("source ids", [t.id for t in seq.source])
                assert [t.id for t in seq.target] == ids + [target], ("target ids", [t.id for t in seq.target])
                notes[(precision, method)] = dict(
                    bos=am.bos_token, pad=am.pad_token, eos_id=am.eos_token_id, unk_id=am.tokenizer.unk_token_id,
                    embed_scale=am.embed_scale, emb=type(am.get_embedding_layer()).__name__,
                )
                res[method] = {
                    "attribute_kwargs": dict(kw),
                    **({"numpy_and_torch_seed": call_seed} if call_seed is not None else {}),
                    "raw_target_attributions_shape": list(raw.shape),
                    "aggregated_shape": list(agg.shape),
                    "aggregated_target_attributions": fl(agg),
                    "aggregated_prompt_positions": fl(agg[:n, 0]),
                    "raw_target_attributions": fl(raw),
                    "raw_sum_over_hidden_prompt_positions": fl(raw[:n, 0, :].sum(-1)),
                    "source_tokens": src,
                    "target_tokens": tgt,
                    "step_scores": {k: fl(v) for k, v in (seq.step_scores or {}).items()},
                    "attr_pos_start": seq.attr_pos_start,
                    "attr_pos_end": seq.attr_pos_end,
                    "dtype": str(raw.dtype),
                }
            except Exception as e:  # official code raised: record it and go on
                res[method] = {"error": f"{type(e).__name__}: {e}"}
        case["results"][precision] = res
    return case, notes, type(m32).__name__


def maxdiff(a, b, path="", acc=None):
    """Max abs difference over all floats of two JSON trees; also reports structural mismatches."""
    if acc is None:
        acc = {"max": 0.0, "mismatch": []}
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            acc["mismatch"].append(f"{path}: keys {sorted(set(a) ^ set(b))}")
        for k in set(a) & set(b):
            maxdiff(a[k], b[k], f"{path}.{k}", acc)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            acc["mismatch"].append(f"{path}: len {len(a)} vs {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            maxdiff(x, y, f"{path}[{i}]", acc)
    elif isinstance(a, float) and isinstance(b, float | int) and not isinstance(b, bool):
        if math.isnan(a) or math.isnan(b):
            if not (math.isnan(a) and math.isnan(b)):
                acc["mismatch"].append(f"{path}: nan vs {b}")
        else:
            acc["max"] = max(acc["max"], abs(a - float(b)))
    elif a != b:
        acc["mismatch"].append(f"{path}: {a!r} vs {b!r}")
    return acc


def main():
    out_path = sys.argv[1]
    visible = json.load(open(VISIBLE))

    # 1. Validation: the visible gpt2/p1 case.
    case, notes, _ = run_case("gpt2", "p1")
    acc = maxdiff(case, visible["cases"][0])
    print(f"[validate gpt2/p1] max abs diff vs visible fixture = {acc['max']!r}; mismatches: {acc['mismatch'] or 'none'}")
    if acc["mismatch"] or acc["max"] > 1e-8:
        print("VALIDATION FAILED", file=sys.stderr)
        sys.exit(1)

    # 2. All cases.
    cases, classes = [], {}
    for name in MODELS:
        for pname in PROMPTS:
            case, notes, cls = run_case(name, pname)
            classes[name] = cls
            if (name, pname) == ("gpt2", "p1"):
                continue
            for entries in case["results"].values():
                for entry in entries.values():
                    entry.pop("raw_target_attributions", None)
            cases.append(case)
            errs = [f"{p}/{m}: {r['error']}" for p, rr in case["results"].items() for m, r in rr.items() if "error" in r]
            nt = notes.get(("float32", "integrated_gradients")) or next(iter(notes.values()), {})
            print(f"{name}/{pname}: ids={case['input_ids']} target={case['target_id']} conventions={nt} "
                  f"errors={errs or 'none'}", flush=True)

    head = copy.deepcopy({k: v for k, v in visible.items() if k != "cases"})
    commit = subprocess.run(
        ["git", f"--git-dir={MIRROR}", "log", "-1", "--format=%H %ci %s", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    head["generator"] = "gen_inseq.py (beside this file)"
    head["library_commit"] = commit or head["library_commit"]
    head["environment"].update(
        python=platform.python_version(), torch=torch.__version__, transformers=transformers.__version__,
        numpy=np.__version__,
    )
    head["model_fixture"] = ",".join(MODELS)
    head["model_class"] = ",".join(f"{k}:{v}" for k, v in classes.items())
    head["prompts_spec"] = {k: ({"ids": v} if isinstance(v, list) else {"n": v[0], "seed": v[1]}) for k, v in PROMPTS.items()}
    head["split"] = "cross-model cases beside the tests (the visible gpt2/p1 case is in ../shared)"
    head["cases"] = cases
    with open(out_path, "w") as f:
        json.dump(head, f)
    print(f"wrote {out_path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
