"""NLTK's Punkt with punkt_tab/english, read from the harness's copy of the model (src/Harness.Data/Segmentation/Punkt/
english) exactly as NLTK's nltk/tabdata.py PunktDecoder reads the tab files (a line minus its final newline;
ortho_context values as ints). Shared by the fixture generators that need NLTK's sentence splits."""
import os
from collections import defaultdict
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "src", "Harness.Data", "Segmentation", "Punkt", "english")

def _lines(name):
    with open(os.path.join(MODEL, name), encoding="utf-8") as f:
        return [x[:-1] if x.endswith("\n") else x for x in f]

def tokenizer():
    params = PunktParameters()
    params.abbrev_types = set(_lines("abbrev_types.txt"))
    params.collocations = {tuple(x.split("\t")) for x in _lines("collocations.tab")}
    params.sent_starters = set(_lines("sent_starters.txt"))
    params.ortho_context = defaultdict(int, {a: int(b) for a, b in (x.split("\t") for x in _lines("ortho_context.tab"))})
    return PunktSentenceTokenizer(params)
