"""PyTorch eager and Captum's side of the same-run comparison (issue 27 items 6 and 7; driver bench/compare.sh, the
harness's side bench/Harness.Benchmarks/CaptumComparisonBenchmarks.cs).

It loads the model folder the harness wrote (config.json, model.safetensors, compare.json with the context ids and the
target token), so both sides compute with the same weights and explain the same target, and times each case as the
harness's BenchmarkDotNet job does: one warm-up call, then three measured calls. Every call is appended to
OUT/captum.jsonl with its seconds, sequences run forward and backward, and scores.

Settings are Captum's defaults, as a Captum user runs them on a Hugging Face model (every position's logits):
  forward_BxT           one no-grad forward of B identical sequences of the 64 context tokens
  forward_BxT_lastN     the same with the output layer at the last N positions only (issue 27 item 1)
  saliency              Saliency on the input embeddings, abs=True, objective the target's probability (the harness's
                        saliency default), L2 norm over the hidden dimension
  integrated_gradients  LayerIntegratedGradients at the token embedding, baseline token 0, n_steps=50, gausslegendre,
                        internal_batch_size=None (all steps in one batch), log-probability, sum over the hidden dimension
  occlusion             FeatureAblation, one token per feature, baseline token 0, perturbations_per_eval=1, log-probability
  lime                  Lime, 200 samples, Bernoulli(0.5) masks, exponential kernel of the cosine distance (width 1),
                        baseline token 0, perturbations_per_eval=1, log-probability; surrogate: ridge (alpha 1, with
                        intercept), the harness's default, solved in closed form here (Captum's SkLearnRidge needs
                        scikit-learn; the fit is a 64 x 64 solve, negligible next to 200 forwards)

Captum is pure Python: put a source snapshot on PYTHONPATH (the driver does; Captum 0.8.0 needs torch >= 1.10).
    PYTHONPATH=/tmp/captum python3 bench/pytorch/captum_compare.py --model DIR --case occlusion --device cpu --out OUT
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt2_model import Gpt2  # noqa: E402

import captum  # noqa: E402
from captum._utils.models.model import Model  # noqa: E402
from captum.attr import FeatureAblation, LayerIntegratedGradients, Lime, Saliency  # noqa: E402

CASES = ["forward_1x64", "forward_16x64", "forward_16x64_last1", "saliency", "integrated_gradients", "occlusion", "lime"]


class Counter:
    """Sequences run forward, and those run with gradients (each is backpropagated once by Captum's gradient methods)."""

    def __init__(self):
        self.forward = 0
        self.backward = 0
        self.tokens = 0

    def saw(self, batch, backpropagated=False):
        self.forward += batch.shape[0]
        self.tokens += batch.shape[0] * batch.shape[1]
        if backpropagated:
            self.backward += batch.shape[0]


class Ridge(Model):
    """Weighted ridge regression with an unpenalised intercept (scikit-learn's Ridge(alpha=1) with sample weights)."""

    def __init__(self, alpha=1.0):
        super().__init__()
        self.alpha = alpha
        self.coefficients = None

    def fit(self, train_data, **kwargs):
        x, y, w = [], [], []
        for batch in train_data:
            x.append(batch[0].double())
            y.append(batch[1].double().view(-1))
            w.append((batch[2] if len(batch) > 2 else torch.ones_like(batch[1])).double().view(-1))
        x, y, w = torch.cat(x), torch.cat(y), torch.cat(w)
        xm = (w[:, None] * x).sum(0) / w.sum()
        ym = (w * y).sum() / w.sum()
        xc, yc = x - xm, y - ym
        a = xc.t() @ (w[:, None] * xc) + self.alpha * torch.eye(x.shape[1], dtype=x.dtype)
        self.coefficients = torch.linalg.solve(a, xc.t() @ (w * yc))
        return {}

    def __call__(self, x):
        return x.double() @ self.coefficients

    def representation(self):
        return self.coefficients.view(1, -1).float()


def build(case, model, context, target, device, counter):
    """The call to time for one case, returning its scores (None for a forward)."""
    ids = torch.tensor([context], device=device)

    def log_prob(batch_ids):
        counter.saw(batch_ids)
        return model(batch_ids)[:, -1].log_softmax(-1)[:, target]

    if case.startswith("forward_"):
        shape, _, last = case[len("forward_"):].partition("_last")
        batch = ids.expand(int(shape.split("x")[0]), -1).contiguous()

        def forward():
            with torch.no_grad():
                counter.saw(batch)
                model(batch, last_positions=int(last) if last else None)
            return None
        return forward

    if case == "saliency":
        def probability(embeds):
            counter.saw(embeds, backpropagated=True)
            return model(embeds=embeds)[:, -1].softmax(-1)[:, target]
        saliency = Saliency(probability)
        return lambda: saliency.attribute(model.wte(ids).detach(), abs=True).norm(dim=-1)[0]

    if case == "integrated_gradients":
        def counted(batch_ids):
            # Captum runs the interpolated batch with gradients and backpropagates it once.
            counter.saw(batch_ids, backpropagated=torch.is_grad_enabled())
            return model(batch_ids)[:, -1].log_softmax(-1)[:, target]
        ig = LayerIntegratedGradients(counted, model.wte)
        return lambda: ig.attribute(ids, baselines=torch.zeros_like(ids), n_steps=50).sum(-1)[0]

    mask = torch.arange(len(context), device=device).unsqueeze(0)
    if case == "occlusion":
        ablation = FeatureAblation(log_prob)
        return lambda: ablation.attribute(ids, baselines=0, feature_mask=mask)[0]

    if case == "lime":
        lime = Lime(log_prob, interpretable_model=Ridge(1.0))
        return lambda: lime.attribute(ids, baselines=0, feature_mask=mask, n_samples=200)[0]

    raise SystemExit(f"captum_compare.py: unknown case '{case}' (expected one of {', '.join(CASES)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="the folder CaptumComparisonBenchmarks wrote")
    parser.add_argument("--case", required=True, choices=CASES)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--out", required=True, help="folder for captum.jsonl")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    torch.manual_seed(0)  # Lime's masks
    torch.set_num_threads(int(os.environ.get("HARNESS_NUM_THREADS", os.cpu_count())))
    device = torch.device(args.device)
    model = Gpt2.load(args.model, device)
    for p in model.parameters():
        p.requires_grad_(False)
    with open(os.path.join(args.model, "compare.json")) as f:
        prompt = json.load(f)
    counter = Counter()
    call = build(args.case, model, prompt["Context"], prompt["Target"], device, counter)

    def timed():
        counter.__init__()
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        scores = call()
        if device.type == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - start, scores

    # Warm-up: one call, or for the perturbation methods (minutes per call on a CPU) one forward of the sequence they
    # run one at a time, which is what a call repeats.
    if args.case in ("occlusion", "lime"):
        with torch.no_grad():
            model(torch.tensor([prompt["Context"]], device=device))
    else:
        timed()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "captum.jsonl"), "a") as out:
        for _ in range(args.repeats):
            seconds, scores = timed()
            out.write(json.dumps({
                "case": args.case, "device": args.device, "seconds": seconds, "forward": counter.forward,
                "backward": counter.backward, "tokens": counter.tokens,
                "scores": None if scores is None else scores.detach().float().cpu().tolist(),
                "torch": torch.__version__, "captum": captum.__version__, "threads": torch.get_num_threads(),
            }) + "\n")
            print(f"{args.case} {args.device}: {seconds:.3f} s, {counter.forward} forward, {counter.backward} backward", flush=True)


if __name__ == "__main__":
    main()
