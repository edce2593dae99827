"""Renders every chat template beside this script (and the tokenizer_config.json templates of
../shared/fixtures/tokenizers/{llama3,llama3_bos,qwen3}) through transformers 4.45.1's
`apply_chat_template(..., tokenize=False)`, writing expected.json.

Environment (no pip needed): Debian's python3-jinja2 (3.1.2), python3-requests, python3-filelock;
transformers v4.45.1 and huggingface_hub v0.25.1 source trees from git, and the import-only
tokenizers stand-in of shared/tools/reference-env:

  git --git-dir=TRANSFORMERS_GIT archive v4.45.1 src/transformers | tar -x -C /tmp/tf
  git --git-dir=HUB_GIT archive v0.25.1 src/huggingface_hub | tar -x -C /tmp/hub
  PYTHONPATH=/tmp/tf/src:/tmp/hub/src:../shared/tools/reference-env /usr/bin/python3 gen_chat_templates.py
"""
import json
import os
import sys

import jinja2
import transformers
from transformers import PreTrainedTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "fixtures", "tokenizers"))


class TemplateOnlyTokenizer(PreTrainedTokenizer):
    """The smallest tokenizer transformers accepts: apply_chat_template(tokenize=False) reads only the
    template and special_tokens_map, so no vocabulary is needed."""

    @property
    def vocab_size(self):
        return 0

    def get_vocab(self):
        return {}

    def _tokenize(self, text):
        return list(text)


def published(name, bos, eos, source):
    with open(os.path.join(HERE, name + ".jinja"), encoding="utf-8") as f:
        return {"name": name, "file": name + ".jinja", "template": f.read(), "special_tokens": {"bos_token": bos, "eos_token": eos}, "source": source}


def shared(name):
    with open(os.path.join(SHARED, name, "tokenizer_config.json"), encoding="utf-8") as f:
        config = json.load(f)
    tokens = {}
    for key in ("bos_token", "eos_token", "unk_token", "pad_token"):
        value = config.get(key)
        if isinstance(value, dict):
            value = value.get("content")
        if value is not None:
            tokens[key] = value
    return {"name": name, "shared": name, "template": config["chat_template"], "special_tokens": tokens,
            "source": f"../shared/fixtures/tokenizers/{name}/tokenizer_config.json"}


TEMPLATES = [
    published("llama-2-7b-chat", "<s>", "</s>", "meta-llama/Llama-2-7b-chat-hf tokenizer_config.json chat_template"),
    published("mistral-7b-instruct-v0.2", "<s>", "</s>", "mistralai/Mistral-7B-Instruct-v0.2 tokenizer_config.json chat_template (the version without a system prompt), as quoted in ggml-org/llama.cpp tests/test-chat-template.cpp"),
    published("mistral-7b-instruct-v0.2-system", "<s>", "</s>", "mistralai/Mistral-7B-Instruct-v0.2 tokenizer_config.json chat_template since its system-prompt revision (what a download gets now); the Hub file cannot be fetched here, so the text is the one public copies agree on, e.g. aws-prototyping/MegaBeam-Mistral-7B-512k's (a v0.2 fine-tune) as quoted in handler code on GitHub"),
    published("phi-3.5-mini-instruct", "<s>", "<|endoftext|>", "microsoft/Phi-3.5-mini-instruct tokenizer_config.json chat_template"),
    published("qwen2.5-instruct", None, "<|im_end|>", "Qwen/Qwen2.5-7B-Instruct chat_template as published in chujiezheng/chat_templates@11c4956 chat_templates/qwen2.5-instruct.jinja"),
    published("llama-3.1-8b-instruct", "<|begin_of_text|>", "<|eot_id|>", "meta-llama/Llama-3.1-8B-Instruct tokenizer_config.json chat_template"),
    shared("llama3"),
    shared("llama3_bos"),
    shared("qwen3"),
]

TOOL = {"type": "function", "function": {"name": "get_weather", "description": "Weather in a city, in °C",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}

CASES = [
    {"name": "user", "messages": [{"role": "user", "content": "Review: a gripping, funny film.\nIs this review positive or negative? Reply positive or negative.\nAnswer:"}]},
    {"name": "system_user", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Title: Paris\nParis is the capital of France.\n\nQuestion: What is the capital of France?"}]},
    {"name": "padded_user", "messages": [{"role": "user", "content": "  Hello there!  \n"}]},
    {"name": "multi_turn", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": " Hello! How can I help? "}, {"role": "user", "content": "Tell me a joke."}]},
    {"name": "unicode", "messages": [{"role": "user", "content": "Café — naïve 日本語 \"quoted\" {braces} <tags> \\ backslash"}]},
    {"name": "no_generation_prompt", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}], "add_generation_prompt": False},
    {"name": "roles_out_of_order", "messages": [{"role": "assistant", "content": "I speak first."}, {"role": "user", "content": "Hi"}]},
    {"name": "tools", "messages": [{"role": "user", "content": "Weather in Paris?"}], "tools": [TOOL]},
    {"name": "thinking_off", "messages": [{"role": "user", "content": "Hi"}], "kwargs": {"enable_thinking": False}},
]


def render(template, case):
    # The special tokens go in as render arguments: apply_chat_template renders with
    # {**special_tokens_map, **kwargs}, and the import-only tokenizers stand-in cannot register them.
    tokenizer = TemplateOnlyTokenizer(chat_template=template["template"])
    tokens = {k: v for k, v in template["special_tokens"].items() if v is not None}
    try:
        text = tokenizer.apply_chat_template(case["messages"], tools=case.get("tools"), tokenize=False,
                                             add_generation_prompt=case.get("add_generation_prompt", True),
                                             **tokens, **case.get("kwargs", {}))
        return {"text": text}
    except jinja2.exceptions.TemplateError as e:
        return {"error": str(e)}


# Single constructs of the subset, rendered by the environment transformers compiles templates with
# (chat_template_utils._compile_jinja_template: trim_blocks, lstrip_blocks, tojson, raise_exception).
CONSTRUCTS = [
    ("loop_scope", "{% for i in [1,2,3] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}|{{ x }}", {}),
    ("outer_value_in_loop", "{% set x = 1 %}{% for i in [1,2] %}{{ x }}{% set x = x + 1 %}{{ x }}{% endfor %}|{{ x }}", {}),
    ("namespace", "{% set ns = namespace(n=0, seen=false) %}{% for i in range(5) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }} {{ ns.seen }}", {}),
    ("reprs", "{{ [1,'a',none,true,1.0,{'k':2}] }}|{{ none }}|{{ 1.5e3 }}|{{ 'it\\'s' }}|{{ [\"it's\"] }}|{{ 0.1 + 0.2 }}|{{ 1e20 }}|{{ 1e-5 }}", {}),
    ("whitespace", "  {% if true %}\n  x\n  {% endif %}\n  y {# c #}\nz\n", {}),
    ("whitespace_control", "a  {%- if true -%}  b  {%- endif -%}  c\n   {{- ' d ' -}}   e {%+ if true %}f{% endif +%}\ng", {}),
    ("for_else_arith", "{% for a in [] %}x{% else %}empty{% endfor %}{{ 7 // 2 }}{{ -7 // 2 }}{{ -7 % 3 }}{{ 7 / 2 }}{{ 4 / 2 }}{{ 2 ** 10 }}{{ 'ab' * 3 }}", {}),
    ("loop_fields", "{% for m in ['a','b','c'] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.previtem }}{{ loop.nextitem }};{% endfor %}", {}),
    ("loop_filter_break", "{% for m in messages if m.role != 'system' %}{% if loop.index > 2 %}{% break %}{% endif %}{% if m.role == 'tool' %}{% continue %}{% endif %}{{ loop.index }}:{{ m.content }},{% endfor %}", {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u1"}, {"role": "tool", "content": "t"}, {"role": "user", "content": "u2"}]}),
    ("slices", "{{ 'abcdef'[1:4] }}{{ 'abcdef'[::-1] }}{{ [1,2,3,4][-2:] }}{{ [1,2,3,4][::2] }}{{ 'abc'[-1] }}{{ [1,2,3][5:] }}", {}),
    ("string_methods", "{{ '  x  '.strip() }}|{{ 'xxhixx'.strip('x') }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}|{{ 'Hello'.startswith('He') }}{{ 'Hello'.endswith(('x','lo')) }}|{{ 'hello world'.title() }}|{{ 'aXa'.replace('a','b') }}|{{ 'abc'.upper() }}{{ 'ABC'.lower() }}|{{ 'hello'.capitalize() }}|{{ 'banana'.count('a') }}{{ 'banana'.find('n') }}", {}),
    ("filters", "{{ '  t  ' | trim }}|{{ [1,2,3] | length }}|{{ ['a','b'] | join(', ') }}|{{ [1,'x',none] | join }}|{{ undefined_name | default('dflt') }}|{{ '' | default('e', true) }}|{{ ['a','b','c'] | reject('equalto', 'b') | list }}|{{ [0,1,2] | select | list }}|{{ messages | map(attribute='role') | join('/') }}|{{ messages | selectattr('role', 'equalto', 'user') | map(attribute='content') | first }}|{{ [3,4] | last }}|{{ '12' | int + 1 }}|{{ 'x' | upper }}|{{ [1,2] | reverse | list }}|{{ {'a': 1, 'b': 2} | items | list }}|{{ 3.7 | int }}|{{ 'ab' | list }}", {"messages": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}]}),
    ("tojson", "{{ x | tojson }}|{{ x | tojson(indent=2) }}|{{ x | tojson(sort_keys=true) }}|{{ 'é\\n\"' | tojson }}|{{ [] | tojson(indent=4) }}|{{ {'a': [1, 2.5, none, true]} | tojson(separators=(',', ':')) }}", {"x": {"name": "f", "args": {"z": 1, "a": [1, 2]}, "ok": False, "none": None, "pi": 3.14}}),
    ("tests", "{{ x is defined }}{{ y is defined }}{{ y is undefined }}{{ none is none }}{{ 'a' is string }}{{ 1 is number }}{{ {} is mapping }}{{ [] is iterable }}{{ 'a' is iterable }}{{ 3 is odd }}{{ 4 is even }}{{ 9 is divisibleby 3 }}{{ x is not none }}{{ false is false }}{{ 1 is true }}{{ 'a' in 'cat' }}{{ 'z' not in ['a'] }}{{ 'k' in {'k': 1} }}", {"x": 1}),
    ("conditional_expr", "{{ 'yes' if x > 1 else 'no' }}|{{ 'only' if false }}|{{ x and 'and' }}|{{ 0 or 'or' }}|{{ not x }}|{{ (1 < 2) == true }}|{{ 1 == 1.0 }}|{{ true == 1 }}|{{ 'a' ~ 1 ~ none }}", {"x": 2}),
    ("set_block", "{% set greeting %}Hello {{ name }}!{% endset %}[{{ greeting | upper }}]", {"name": "Ann"}),
    ("dict_methods", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{{ d.get('a') }}{{ d.get('z', 'none') }}{{ d.keys() | list }}{{ d['b'] }}{{ d.b }}", {"d": {"a": 1, "b": 2}}),
    ("generation_block", "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}{% endgeneration %}{% else %}{{ m.content }}{% endif %}{% endfor %}", {"messages": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}]}),
    ("escapes", "{{ 'tab\\there' }}|{{ \"dq 'sq'\" }}|{{ 'a' 'b' }}|{{ '\\u00e9\\x41' }}", {}),
    ("raise", "{% if x %}{{ raise_exception('custom failure ' ~ x) }}{% endif %}", {"x": 3}),
]


def render_construct(template, variables):
    from transformers.utils.chat_template_utils import _compile_jinja_template
    try:
        return {"text": _compile_jinja_template(template).render(**variables)}
    except jinja2.exceptions.TemplateError as e:
        return {"error": str(e)}


def main():
    out = {"generator": "gen_chat_templates.py", "transformers": transformers.__version__, "jinja2": jinja2.__version__,
           "templates": []}
    for template in TEMPLATES:
        entry = {k: v for k, v in template.items() if k != "template"}
        entry["cases"] = [dict(case, **render(template, case)) for case in CASES]
        out["templates"].append(entry)
    out["constructs"] = [dict(name=n, template=t, variables=v, **render_construct(t, v)) for n, t, v in CONSTRUCTS]
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", sum(len(t["cases"]) for t in out["templates"]), "renderings of", len(out["templates"]), "templates")


if __name__ == "__main__":
    sys.exit(main())
