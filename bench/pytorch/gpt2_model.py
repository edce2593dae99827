"""GPT-2 in PyTorch eager, written for the benchmarks' comparisons: the architecture of transformers' GPT2LMHeadModel
(pre-norm blocks, Conv1D layout [in, out], tanh GELU, tied output layer), with weights read from a Hugging Face model
folder (config.json + model.safetensors) such as the one the harness writes for the Captum comparison, so that both
sides compute with the same weights. The safetensors reader needs no `safetensors` package (the GPU machine may lack
it): an 8-byte header length, the JSON header, then raw little-endian data (github.com/huggingface/safetensors).

Like a transformers model, the output layer runs at every position (what Captum's users compute).
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64, "I64": torch.int64}


def read_safetensors(path):
    """{name: tensor} of a .safetensors file (CPU, the file's dtypes)."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = bytearray(f.read())
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        dtype = _DTYPES[entry["dtype"]]
        size = torch.empty(0, dtype=dtype).element_size()  # torch 1.13's dtype has no itemsize
        flat = torch.frombuffer(data, dtype=dtype, count=(end - begin) // size, offset=begin) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors


class Conv1D(torch.nn.Module):
    """transformers' Conv1D: y = x W + b with W stored [in, out]."""

    def __init__(self, weight, bias):
        super().__init__()
        self.weight = torch.nn.Parameter(weight)
        self.bias = torch.nn.Parameter(bias)

    def forward(self, x):
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight).view(*x.shape[:-1], self.weight.shape[1])


def _norm(weights, name, eps):
    norm = torch.nn.LayerNorm(weights[name + ".weight"].shape[0], eps=eps)
    norm.weight = torch.nn.Parameter(weights[name + ".weight"])
    norm.bias = torch.nn.Parameter(weights[name + ".bias"])
    return norm


class Block(torch.nn.Module):
    def __init__(self, weights, name, config):
        super().__init__()
        eps = config.get("layer_norm_epsilon", 1e-5)
        self.heads = config["n_head"]
        self.ln_1 = _norm(weights, name + ".ln_1", eps)
        self.c_attn = Conv1D(weights[name + ".attn.c_attn.weight"], weights[name + ".attn.c_attn.bias"])
        self.c_proj = Conv1D(weights[name + ".attn.c_proj.weight"], weights[name + ".attn.c_proj.bias"])
        self.ln_2 = _norm(weights, name + ".ln_2", eps)
        self.c_fc = Conv1D(weights[name + ".mlp.c_fc.weight"], weights[name + ".mlp.c_fc.bias"])
        self.mlp_proj = Conv1D(weights[name + ".mlp.c_proj.weight"], weights[name + ".mlp.c_proj.bias"])

    def forward(self, x, mask):
        b, t, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        scores = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(d // self.heads)) + mask
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt2(torch.nn.Module):
    def __init__(self, config, weights):
        super().__init__()
        p = "transformer." if "transformer.wte.weight" in weights else ""
        self.wte = torch.nn.Embedding.from_pretrained(weights[p + "wte.weight"], freeze=False)
        self.wpe = torch.nn.Embedding.from_pretrained(weights[p + "wpe.weight"], freeze=False)
        self.h = torch.nn.ModuleList(Block(weights, f"{p}h.{i}", config) for i in range(config["n_layer"]))
        self.ln_f = _norm(weights, p + "ln_f", config.get("layer_norm_epsilon", 1e-5))

    @staticmethod
    def load(folder, device="cpu"):
        with open(os.path.join(folder, "config.json")) as f:
            config = json.load(f)
        return Gpt2(config, read_safetensors(os.path.join(folder, "model.safetensors"))).to(device).eval()

    def forward(self, ids=None, embeds=None, last_positions=None):
        """Logits [B, T, V] of ids [B, T], or of token embeddings [B, T, D] (position embeddings are added here); with
        last_positions n, the output layer runs at the last n positions only ([B, n, V])."""
        x = self.wte(ids) if embeds is None else embeds
        b, t = x.shape[:2]
        x = x + self.wpe(torch.arange(t, device=x.device).unsqueeze(0))
        allowed = torch.ones(t, t, dtype=torch.bool, device=x.device).tril()
        mask = torch.where(allowed, 0.0, torch.finfo(x.dtype).min).view(1, 1, t, t)
        for block in self.h:
            x = block(x, mask)
        x = self.ln_f(x)
        return (x if last_positions is None else x[:, -last_positions:]) @ self.wte.weight.t()
