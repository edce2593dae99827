"""Reference sentence splits for PunktParityTests, from NLTK's own Punkt code.

Run: /usr/bin/python3 gen_punkt.py /path/to/AT2-checkout /path/to/shared  (Debian's python3-nltk 3.8; no network)

* The English model is NLTK's punkt_tab/english (what `nltk.sent_tokenize` loads since NLTK 3.8.2), read by
  punkt_english.py beside this script from the harness's copy (src/Harness.Data/Segmentation/Punkt/english).
* `punkt`: PunktSentenceTokenizer(params).span_tokenize(text), NLTK 3.8's tokenizer code (the punkt_tab loader of
  3.8.2+ only changes how the parameters are read).
* `at2`: AT2's at2.utils.split_text(text, "sentence") (MadryLab/AT2), the function's own source taken from the
  checkout and run with nltk.sent_tokenize bound to the same tokenizer: each line through Punkt, parts without a
  letter dropped, each part located with text.find from the end of the previous one. Its (start, end) indices.
Texts: the inline cases below, and texts built from ../shared/datasets rows (named by dataset, id and recipe, so
the test rebuilds them from ../shared and nothing is copied here).
"""
import ast, json, string, sys, os
import nltk

at2_root, shared = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import punkt_english
tokenizer = punkt_english.tokenizer()

# AT2's split_text and is_sentence, from the checkout's at2/utils.py, run unchanged.
source = open(os.path.join(at2_root, "at2", "utils.py"), encoding="utf-8").read()
wanted = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name in ("is_sentence", "split_text")]
namespace = {"string": string, "nltk": nltk, "List": list, "Tuple": tuple, "Optional": None}
nltk.sent_tokenize = lambda text, language="english": tokenizer.tokenize(text)
exec(compile(ast.Module(body=wanted, type_ignores=[]), "at2/utils.py", "exec"), namespace)
split_text = namespace["split_text"]

def case(text):
    _, _, at2 = split_text(text, "sentence")
    return {"punkt": [list(s) for s in tokenizer.span_tokenize(text)], "at2": [list(s) for s in at2]}

inline = [
    "Mr. Smith went to Washington. He arrived at 5 p.m. on Tuesday.",
    "The U.S. economy grew. Officials in the U.S. said so.",
    "J. S. Bach was born in 1685. He composed the Mass in B minor.",
    "It costs $3.50. That is cheap!!! Isn't it? Yes.",
    "He said, \"Stop.\" Then he left. (This was odd.) Nobody knew why.",
    "Wait... what happened? I don't know . . . Really.",
    "See Fig. 3 and No. 5. The results in Sec. 2.1 hold.",
    "They met on Jan. 5. The talks ended Feb. 10, 1990.",
    "Dr. Jones, Ph.D., arrived. Prof. Lee did not.",
    "Line one.\nLine two without stop\n\nA new paragraph. With two sentences.",
    "ends with a question mark? and a lower-case start. Next one",
    "Numbers like 1.5 million and 2. Also item 3. Done.",
    "The vote was 5-4. Justice Kennedy dissented. The Court ruled.",
    "He works at Acme Inc. The firm is small.",
    "He works at Acme Inc. and lives nearby.",
    "She said \"Go!\" and ran. It was over.",
    "Le café coûte 2 €. Élise l'a payé. Ça va?",
    "A sentence -- with dashes -- ends here. Another [one] starts.",
    "  Leading and trailing spaces.   Second sentence.  ",
    "1. First item\n2. Second item\n3.",
    "e.g. this is an example. i.e. another.",
    "The St. Louis Cardinals won. St. Louis celebrated.",
    "What?! Really?! Yes.",
    "He left.'' She stayed.",
    "The file is named data.json. Open it.",
    "Visit www.example.com. It is online.",
    "“Curly quotes.” Then more text. ‘Single ones.’ Done.",
    "Gov. Brown and Sen. Smith met Mr. and Mrs. Jones at 3 a.m. They talked.",
    "One.Two. Three . Four .Five",
    "\u2028Unicode line separator.\u2029Paragraph separator. End\x85Next line.",
    "tab\tseparated. sentences\there.",
    "",
    "   ",
    "...",
    "A.",
    "!",
    # Python's case and digit classes beyond the letter categories (str.isupper/islower, \d above U+FFFF).
    "Item 5. \u24d0 is next.",
    "It was 5. \u00aa b.",
    "See J. \u24b6 Smith.",
    "Step \U0001d7cf. the end",
    "Chapter \u2163. The king returns.",
]

shared_cases = []
def add(dataset, row_id, recipe, text):
    shared_cases.append({"dataset": dataset, "id": row_id, "recipe": recipe, **case(text)})

def rows(name):
    with open(os.path.join(shared, "datasets", name, "data.jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]

for r in rows("hotpotqa"):
    for p, (title, sentences) in enumerate(r["context"]):
        add("hotpotqa", r["id"], f"passage {p}", " ".join(sentences))  # AT2's HotpotQAAttributionTask
for r in rows("boolq"):
    add("boolq", r["id"], "passage", r["passage"])
for r in rows("imdb"):
    add("imdb", r["id"], "text", r["text"])
for r in rows("reagent_annotated_lambada"):
    add("reagent_annotated_lambada", r["id"], "text", r["text"])
for r in rows("reagent_tellmewhy2"):
    add("reagent_tellmewhy2", r["id"], "narrative", r["narrative"])
for r in rows("wikibio"):
    add("wikibio", r["id"], "target_text_detok", r["target_text_detok"])

out = {
    "generator": "gen_punkt.py",
    "nltk": nltk.__version__,
    "at2": "MadryLab/AT2 at2/utils.py split_text",
    "model": "punkt_tab/english",
    "inline": [{"text": t, **case(t)} for t in inline],
    "shared": shared_cases,
}
with open(os.path.join(here, "punkt_cases.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
print(len(inline), "inline,", len(shared_cases), "shared")
