#!/usr/bin/env python3
"""Oracle for the harness's POS tagger (AveragedPerceptronTagger.cs, PosTagMap.cs): what ReAGent's
POSTagTokenSampler computes with nltk (src/rationalization/rationalizer/token_replacement/token_sampler/postag.py):
for every id of the GPT-2 vocabulary, `nltk.pos_tag([tokenizer.decode([i]).strip()])`, plus a list of hard words.

Run with Debian's python3-nltk 3.8 and nltk_data's averaged_perceptron_tagger.pickle under $NLTK_DATA/taggers/:
  NLTK_DATA=/tmp/nltk_data /usr/bin/python3 gen_nltk_pos_tags.py ../../../../../shared/fixtures/tokenizers/gpt2/tokenizer.json
The GPT-2 decode is the byte-level one transformers' GPT2TokenizerFast applies to one token (bytes_to_unicode
reversed, UTF-8 with errors="replace"); clean_up_tokenization_spaces only removes spaces that strip() removes too.
"""
import json
import sys

import nltk

WORDS = [
    "", "The", "the", "run", "running", "ran", "quickly", "Paris", "paris", "1999", "2024", "12", "3.14", "²", "³",
    "①", "well-known", "-based", "--", "-", "'s", "n't", ".", ",", "?", "!", ":", ";", "(", ")", "\"", "'", "$", "%",
    "#", "&", "İstanbul", "ΣΑΣ", "über", "naïve", "日本", "😀", "a", "A", "I", "I'm", "can't", "U.S.", "e-mail",
    "XIV", "x1", "9th", "1st", "٣", "１２", "ǅungla", "ﬁne", "Straße",
]


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


def main(tokenizer_json):
    with open(tokenizer_json, encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    byte_of = {c: b for b, c in bytes_to_unicode().items()}
    by_id = sorted(vocab.items(), key=lambda kv: kv[1])
    assert [i for _, i in by_id] == list(range(len(by_id)))
    decoded = [bytes(byte_of[c] for c in token).decode("utf-8", errors="replace") for token, _ in by_id]
    document = {
        "generator": "gen_nltk_pos_tags.py",
        "nltk": nltk.__version__,
        "tagger": "nltk_data packages/taggers/averaged_perceptron_tagger.zip (averaged_perceptron_tagger.pickle)",
        "rule": "tag of nltk.pos_tag([word.strip()]) (ReAGent postag.py)",
        "words": [[w, nltk.pos_tag([w])[0][1]] for w in WORDS],
        "gpt2_vocab_tags": [nltk.pos_tag([d.strip()])[0][1] for d in decoded],
    }
    with open("nltk_pos_tags.json", "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
    print(len(document["gpt2_vocab_tags"]), "vocabulary tags")


main(sys.argv[1])
