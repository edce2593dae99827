#!/usr/bin/env python3
"""Generate tiny config-VARIANT fixtures with transformers 4.45.1 (eager attention, float32, CPU).

How to run:
    source REFENV/env.sh      # ../shared/tools/reference-env/setup.sh
    /usr/bin/python3 gen_variants.py [name ...]

Writes <this folder>/<name>/{config.json, generation_config.json, model.safetensors, expected.json}
(and skipped.json listing variants transformers itself cannot build/run, with the error).
Recipe copied from ../shared/fixtures/hf-parity/README.md: vocab 97, hidden 32, 2 layers,
4 heads, intermediate 64, max positions 64, initializer_range 0.2; torch.manual_seed(20240917),
Cls(config); then a torch.Generator seeded 20240918 walks named_parameters() and sets every
LayerNorm/RMSNorm weight <- U[0.5,1.5) and every bias <- N(0, 0.1^2).
expected.json: for SEQ_A and SEQ_40 (torch.randint(3, 97, (40,), generator=Generator().manual_seed(3)))
the input_ids and full float32 logits [seq, vocab] (no attention_mask passed, batch 1).
ConfigVariantParityTests reads every folder here.
"""
import json
import os
import sys
import traceback

import torch
import transformers
from transformers import (GPT2Config, GPT2LMHeadModel, GPTJConfig, GPTJForCausalLM, LlamaConfig,
                          LlamaForCausalLM, MistralConfig, MistralForCausalLM, OPTConfig, OPTForCausalLM,
                          Phi3Config, Phi3ForCausalLM, Qwen2Config, Qwen2ForCausalLM)

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

OUT = os.path.dirname(os.path.abspath(__file__))
SEQ_A = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12]
SEQ_40 = torch.randint(3, 97, (40,), generator=torch.Generator().manual_seed(3)).tolist()

COMMON = dict(vocab_size=97, initializer_range=0.2)
LLAMA = dict(COMMON, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
             intermediate_size=64, max_position_embeddings=64, bos_token_id=1, eos_token_id=2,
             tie_word_embeddings=False)
QWEN2 = dict(LLAMA)
MISTRAL = dict(LLAMA)
PHI3 = dict(COMMON, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
            max_position_embeddings=64, original_max_position_embeddings=64, rope_scaling=None,
            bos_token_id=1, eos_token_id=2, pad_token_id=0, tie_word_embeddings=False)
GPT2 = dict(COMMON, n_embd=32, n_layer=2, n_head=4, n_inner=64, n_positions=64, bos_token_id=0, eos_token_id=0)
GPTJ = dict(COMMON, n_embd=32, n_layer=2, n_head=4, n_inner=64, n_positions=64, bos_token_id=0, eos_token_id=0,
            rotary_dim=4, tie_word_embeddings=False)
OPT = dict(vocab_size=97, init_std=0.2, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, ffn_dim=64,
           max_position_embeddings=64, word_embed_proj_dim=32, pad_token_id=1, bos_token_id=2, eos_token_id=2)

HD = 8  # head_dim for the phi3 longrope factor lists (head_dim/2 = 4 entries)
VARIANTS = {
    "llama_rope_llama3": (LlamaConfig, LlamaForCausalLM, dict(LLAMA, rope_scaling={
        "rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
        "original_max_position_embeddings": 16})),
    "llama_rope_linear": (LlamaConfig, LlamaForCausalLM, dict(LLAMA, rope_scaling={"rope_type": "linear", "factor": 2.0})),
    "llama_rope_dynamic": (LlamaConfig, LlamaForCausalLM, dict(LLAMA, max_position_embeddings=16,
                                                               rope_scaling={"rope_type": "dynamic", "factor": 2.0})),
    "llama_bias_tied": (LlamaConfig, LlamaForCausalLM, dict(LLAMA, attention_bias=True, mlp_bias=True,
                                                            tie_word_embeddings=True)),
    "llama_head_dim16": (LlamaConfig, LlamaForCausalLM, dict(LLAMA, head_dim=16)),
    "qwen2_tied": (Qwen2Config, Qwen2ForCausalLM, dict(QWEN2, tie_word_embeddings=True)),
    "mistral_no_window": (MistralConfig, MistralForCausalLM, dict(MISTRAL, sliding_window=None)),
    "phi3_longrope": (Phi3Config, Phi3ForCausalLM, dict(PHI3, original_max_position_embeddings=16, rope_scaling={
        "type": "longrope", "short_factor": [1.0, 1.1, 1.2, 1.3], "long_factor": [1.5, 1.8, 2.1, 2.5]})),
    "phi3_partial_rotary": (Phi3Config, Phi3ForCausalLM, dict(PHI3, partial_rotary_factor=0.5)),
    "gpt2_inv_layer_idx": (GPT2Config, GPT2LMHeadModel, dict(GPT2, scale_attn_by_inverse_layer_idx=True)),
    "gpt2_reorder_upcast": (GPT2Config, GPT2LMHeadModel, dict(GPT2, reorder_and_upcast_attn=True)),
    "gpt2_relu": (GPT2Config, GPT2LMHeadModel, dict(GPT2, activation_function="relu")),
    "gptj_full_rotary": (GPTJConfig, GPTJForCausalLM, dict(GPTJ, rotary_dim=None)),
    "opt_no_bias": (OPTConfig, OPTForCausalLM, dict(OPT, enable_bias=False)),
    "opt_gelu": (OPTConfig, OPTForCausalLM, dict(OPT, activation_function="gelu")),
    "opt_remove_final_ln": (OPTConfig, OPTForCausalLM, dict(OPT, _remove_final_layer_norm=True)),
}


def is_norm(module):
    return isinstance(module, torch.nn.LayerNorm) or type(module).__name__.endswith("RMSNorm")


def build(name, cfg_cls, model_cls, kw):
    # Phi3Config silently ignores unknown kwargs such as partial_rotary_factor (they become plain attributes);
    # detect whether the modeling code reads it.
    if name == "phi3_partial_rotary":
        import inspect
        from transformers.models.phi3 import modeling_phi3
        if "partial_rotary_factor" not in inspect.getsource(modeling_phi3):
            raise RuntimeError("transformers 4.45.1 Phi3 has no partial_rotary_factor (modeling_phi3.py never reads it)")
    config = cfg_cls(**kw)
    config._attn_implementation = "eager"
    torch.manual_seed(20240917)
    model = model_cls(config)
    g = torch.Generator().manual_seed(20240918)
    modules = dict(model.named_modules())
    randomised = []
    with torch.no_grad():
        for pname, p in model.named_parameters():
            mod = modules[pname.rsplit(".", 1)[0]]
            if pname.endswith(".weight") and is_norm(mod):
                p.copy_(torch.rand(p.shape, generator=g) + 0.5)
                randomised.append(pname)
            elif pname.endswith(".bias"):
                p.copy_(torch.randn(p.shape, generator=g) * 0.1)
                randomised.append(pname)
    model.eval()
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    model.save_pretrained(d, safe_serialization=True)  # writes config.json, generation_config.json, model.safetensors
    # reload from disk with eager attention (what a consumer would do) and run
    model = model_cls.from_pretrained(d, attn_implementation="eager").eval()
    out = {"variant": name, "model_class": model_cls.__name__, "transformers_version": transformers.__version__,
           "torch_version": torch.__version__, "dtype": "float32", "attn_implementation": "eager",
           "seed_model_init": 20240917, "seed_norm_bias_randomisation": 20240918, "randomised_params": randomised}
    for key, ids in (("seq_a", SEQ_A), ("seq_40", SEQ_40)):
        with torch.no_grad():
            logits = model(torch.tensor([ids])).logits[0].float()
        out[key] = {"input_ids": ids, "logits": logits.tolist()}
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(out, f)
    return d


def main():
    names = sys.argv[1:] or list(VARIANTS)
    skipped_path = os.path.join(OUT, "skipped.json")
    skipped = json.load(open(skipped_path)) if os.path.exists(skipped_path) else {}
    for name in names:
        cfg_cls, model_cls, kw = VARIANTS[name]
        try:
            build(name, cfg_cls, model_cls, kw)
            skipped.pop(name, None)
            print("built", name)
        except Exception as e:  # transformers itself cannot build/run this variant
            msg = f"{type(e).__name__}: {e}".splitlines()[0]
            skipped[name] = msg
            print("SKIP", name, msg)
            traceback.print_exc(limit=3)
            d = os.path.join(OUT, name)
            if os.path.isdir(d):
                import shutil
                shutil.rmtree(d)
    with open(skipped_path, "w") as f:
        json.dump(skipped, f, indent=1)


if __name__ == "__main__":
    main()
