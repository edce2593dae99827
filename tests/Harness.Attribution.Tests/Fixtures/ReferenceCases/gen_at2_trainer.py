"""AT2's trainer (at2/attribution/trainer.py LinearScoreEstimatorTrainer.train, unchanged) fitting its linear estimator
on given features and outputs: float16 per (example, target, mask) as AT2's store holds them, examples with several
targets (a response split into sentences) and one without, after np.random.seed(seed) (train() draws its batches from
numpy's global generator: np.random.choice over the examples without replacement, then np.random.randint per chosen
example for its target). Defaults of train(): float32, Adam lr 1e-3 with CosineAnnealingLR(T_max=num_iterations),
gradient-norm clip 1.0, PearsonCorrelationLoss; theta starts at 1 / num_features and is L1-normalised at the end.

Each case keeps the inputs (features [example][target][mask][feature], outputs [example][target][mask]) and the trained
theta, so a test fits the same data and compares. The store is bypassed: get_features_and_outputs returns the arrays;
at2.utils and at2.tasks are replaced by empty modules (at2_stand_ins.py) since train() does not use them.

Run through make.sh beside this file.
"""
import json
import sys

import numpy as np
import torch

import at2_stand_ins  # noqa: F401  (before at2.attribution)

from at2.attribution.trainer import LinearScoreEstimatorTrainer  # noqa: E402

# name: (targets per example, masks, features, batch_size, num_iterations, learning_rate, seed)
CASES = {
    "sentences": ([1, 3, 2, 1, 2, 0, 4, 1], 8, 6, 4, 60, 1e-3, 3),
    "one_target_all_examples_per_batch": ([1, 1, 1], 5, 4, 3, 25, 1e-3, 0),
    "large_learning_rate": ([2, 1, 3, 2, 1, 1], 16, 12, 5, 80, 5e-2, 11),
}


class Features:
    """What train() asks of a feature extractor: its width."""

    def __init__(self, num_features):
        self.num_features = num_features


def data(targets, masks, width, seed):
    """Features ~ N(0, 1) and outputs a noisy linear function of them, both rounded to float16."""
    rng = np.random.RandomState(1000 + seed)
    truth = rng.normal(size=width)
    features, outputs = [], []
    for count in targets:
        x = rng.normal(size=(count, masks, width)).astype(np.float16)
        y = (x.astype(np.float64) @ truth + rng.normal(scale=0.5, size=(count, masks))).astype(np.float16)
        features.append(x)
        outputs.append(y)
    return features, outputs


def train(targets, masks, width, batch_size, iterations, learning_rate, seed):
    features, outputs = data(targets, masks, width, seed)
    trainer = object.__new__(LinearScoreEstimatorTrainer)
    trainer.feature_extractor = Features(width)
    trainer.num_masks = masks
    trainer.dataset = list(range(len(targets)))
    trainer._task_datas = [{"num_targets": count} for count in targets]
    trainer.get_features_and_outputs = lambda i: (features[i], outputs[i])
    np.random.seed(seed)
    estimator = trainer.train(num_iterations=iterations, learning_rate=learning_rate, batch_size=batch_size,
                              train_indices=list(range(len(targets))), device="cpu", print_every=10 ** 9)
    theta = estimator.linear.weight.detach()[0]
    return {"targets_per_example": targets, "masks": masks, "features_count": width, "batch_size": batch_size,
            "num_iterations": iterations, "learning_rate": learning_rate, "np_random_seed": seed,
            "features": [x.astype(np.float64).tolist() for x in features],
            "outputs": [y.astype(np.float64).tolist() for y in outputs],
            "theta": [float(v) for v in theta], "theta_dtype": str(theta.dtype)}


def main(out):
    cases = {name: train(*spec) for name, spec in CASES.items()}
    env = {"torch": torch.__version__, "numpy": np.__version__, "python": sys.version.split()[0]}
    json.dump({"generator": "gen_at2_trainer.py", "library": "MadryLab/AT2 5fd42ba1e1c5978bc6926cbec9dd216dbacda409",
               "files_used": ["at2/attribution/trainer.py", "at2/attribution/score_estimators.py", "at2/attribution/utils.py"],
               "environment": env,
               "note": "LinearScoreEstimatorTrainer.train on given float16 features/outputs after np.random.seed (docstring)",
               "cases": cases}, open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1])
