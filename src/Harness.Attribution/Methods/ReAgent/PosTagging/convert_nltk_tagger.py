#!/usr/bin/env python3
"""Converts nltk's English averaged-perceptron tagger (nltk_data packages/taggers/averaged_perceptron_tagger.zip,
averaged_perceptron_tagger.pickle) into averaged_perceptron_tagger.json.gz, the data AveragedPerceptronTagger.cs reads.

The pickle holds (weights, tagdict, classes): weights maps a feature string to {tag: weight}. The JSON keeps both
dictionaries in the pickle's insertion order, because nltk's AveragedPerceptron.predict sums weights in that order
and a different order can round a near tie the other way. Floats are written with Python's shortest round-trip repr.

Usage: python3 convert_nltk_tagger.py PATH/TO/averaged_perceptron_tagger.pickle
"""
import gzip
import hashlib
import json
import pickle
import sys

source = sys.argv[1]
with open(source, "rb") as f:
    raw = f.read()
weights, tagdict, classes = pickle.loads(raw)
document = {
    "source": "nltk_data packages/taggers/averaged_perceptron_tagger.zip: averaged_perceptron_tagger.pickle",
    "source_sha256": hashlib.sha256(raw).hexdigest(),
    "classes": sorted(classes),
    "tagdict": list(tagdict.items()),
    "weights": [[feature, list(by_tag.items())] for feature, by_tag in weights.items()],
}
with gzip.GzipFile("averaged_perceptron_tagger.json.gz", "wb", mtime=0) as out:
    out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
print(f"{len(document['weights'])} features, {len(document['tagdict'])} tagdict words, {len(classes)} tags")
