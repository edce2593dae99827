"""PyTorch eager reference for ForwardBenchmarks: the same GPT-2-small-sized model (random weights,
float32, CPU) at batch 8 x 128 tokens, timed the same way (1 warm-up, then the mean of 5 runs).

Run with Debian's python3-torch (apt-get install python3-torch: the same libtorch 1.13 our binding uses):
    /usr/bin/python3 bench/pytorch/gpt2_forward.py
"""
import math
import os
import time

import torch
import torch.nn.functional as F

VOCAB, POSITIONS, HIDDEN, LAYERS, HEADS = 50257, 1024, 768, 12, 12
BATCH, LENGTH = 8, 128


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = torch.nn.LayerNorm(HIDDEN)
        self.c_attn = torch.nn.Linear(HIDDEN, 3 * HIDDEN)
        self.c_proj = torch.nn.Linear(HIDDEN, HIDDEN)
        self.ln_2 = torch.nn.LayerNorm(HIDDEN)
        self.c_fc = torch.nn.Linear(HIDDEN, 4 * HIDDEN)
        self.mlp_proj = torch.nn.Linear(4 * HIDDEN, HIDDEN)

    def forward(self, x, mask):
        b, t, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(HIDDEN, dim=2)
        q = q.view(b, t, HEADS, d // HEADS).transpose(1, 2)
        k = k.view(b, t, HEADS, d // HEADS).transpose(1, 2)
        v = v.view(b, t, HEADS, d // HEADS).transpose(1, 2)
        scores = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(d // HEADS)) + mask
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = torch.nn.Embedding(VOCAB, HIDDEN)
        self.wpe = torch.nn.Embedding(POSITIONS, HIDDEN)
        self.h = torch.nn.ModuleList(Block() for _ in range(LAYERS))
        self.ln_f = torch.nn.LayerNorm(HIDDEN)

    def forward(self, ids):
        b, t = ids.shape
        x = self.wte(ids) + self.wpe(torch.arange(t).unsqueeze(0))
        allowed = torch.ones(t, t, dtype=torch.bool).tril()
        mask = torch.where(allowed, 0.0, torch.finfo(torch.float32).min).view(1, 1, t, t)
        for block in self.h:
            x = block(x, mask)
        return self.ln_f(x) @ self.wte.weight.t()


def main():
    torch.manual_seed(0)
    torch.set_num_threads(int(os.environ.get("HARNESS_NUM_THREADS", os.cpu_count())))
    model = Gpt2().eval()
    ids = torch.randint(0, VOCAB, (BATCH, LENGTH))
    with torch.no_grad():
        model(ids)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            model(ids)
            times.append(time.perf_counter() - start)
    mean = sum(times) / len(times)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: "
          f"{mean * 1000:.0f} ms per forward, {BATCH * LENGTH / mean:.0f} tokens/s")


if __name__ == "__main__":
    main()
