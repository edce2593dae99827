"""Reference ablated contexts for SourceTextAblationParityTests, from ContextCite's own code.

Run: /usr/bin/python3 gen_contextcite_text.py /path/to/context-cite-checkout /path/to/shared
(Debian's python3-nltk 3.8 and python3-numpy; no network.) Checkout: MadryLab/context-cite 0e646f5b.

* Sentences: ContextCite's context_cite/utils.py split_text(text, "sentence"), its source taken from the checkout and
  run unchanged with nltk.sent_tokenize bound to NLTK's Punkt with punkt_tab/english (read by
  tests/Harness.Data.Tests/Fixtures/Punkt/punkt_english.py from the harness's copy of the model).
* Ablations: ContextCite's context_partitioner.py SimpleContextPartitioner, run unchanged from the checkout:
  `get_context(mask)` for the masks of utils.py `_create_mask(num_sources, 0.5, seed)`, seeds 0..15 for the inline
  contexts and 0..5 for the HotpotQA ones (ContextCiter's first ablations, base_seed 0).
Contexts: the inline cases below, and HotpotQA rows of ../shared/datasets rebuilt by recipe (each paragraph's
sentences joined by a space, paragraphs by a blank line), so nothing of ../shared is copied here.
"""
import ast, json, os, sys
from typing import List, Optional, Tuple
import numpy as np
import nltk
from numpy.typing import NDArray
from abc import ABC, abstractmethod

checkout, shared = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "Harness.Data.Tests", "Fixtures", "Punkt"))
import punkt_english
punkt = punkt_english.tokenizer()
nltk.sent_tokenize = lambda text, language="english": punkt.tokenize(text)

def functions(path, names, namespace):
    source = open(os.path.join(checkout, path), encoding="utf-8").read()
    body = [n for n in ast.parse(source).body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in names]
    exec(compile(ast.Module(body=body, type_ignores=[]), path, "exec"), namespace)
    return namespace

namespace = {"nltk": nltk, "np": np, "NDArray": NDArray, "List": List, "Optional": Optional, "Tuple": Tuple,
             "ABC": ABC, "abstractmethod": abstractmethod}
functions("context_cite/utils.py", {"split_text", "_create_mask"}, namespace)
functions("context_cite/context_partitioner.py", {"BaseContextPartitioner", "SimpleContextPartitioner"}, namespace)
Partitioner, create_mask = namespace["SimpleContextPartitioner"], namespace["_create_mask"]

def case(context, count=16):
    partitioner = Partitioner(context, source_type="sentence")
    n = partitioner.num_sources
    masks = [create_mask(n, 0.5, seed) for seed in range(count)] if n else []
    return {"parts": list(partitioner.parts), "separators": list(partitioner.separators),
            "ablations": [{"mask": [int(x) for x in m], "context": partitioner.get_context(m)} for m in masks]}

inline = [
    "Paris is big. It has a tower.\nRome is old.",
    " Leading space. Trailing line break.\n",
    "1. First item\n2. Second item\n3.",
    "Line one.\nLine two without stop\n\nA new paragraph. With two sentences.",
    "Mr. Smith went to Washington.  He arrived at 5 p.m. on Tuesday.   Then he left.",
    "He said, \"Stop.\" Then he left. (This was odd.) Nobody knew why.",
    "tab\tseparated. sentences\there.",
    "One sentence only",
]

def rows(name):
    with open(os.path.join(shared, "datasets", name, "data.jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]

shared_cases = []
for r in rows("hotpotqa")[:5]:
    context = "\n\n".join(" ".join(sentences) for _, sentences in r["context"])
    shared_cases.append({"dataset": "hotpotqa", "id": r["id"], "recipe": "paragraphs", **case(context, 6)})

out = {
    "generator": "gen_contextcite_text.py",
    "nltk": nltk.__version__,
    "numpy": np.__version__,
    "contextcite": "MadryLab/context-cite 0e646f5b context_partitioner.py SimpleContextPartitioner, utils.py split_text, _create_mask",
    "model": "punkt_tab/english",
    "inline": [{"context": t, **case(t)} for t in inline],
    "shared": shared_cases,
}
with open(os.path.join(here, "contextcite_text_cases.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
print(len(inline), "inline,", len(shared_cases), "shared")
