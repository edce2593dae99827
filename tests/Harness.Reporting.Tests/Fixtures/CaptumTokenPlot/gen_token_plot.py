"""What Captum's LLMAttributionResult.plot_token_attr draws, for the harness's Captum-style attribution matrix.

Runs the official plot (Captum 0.8.0, matplotlib's Agg backend) on hand-made results and records, per case, every
cell's colour (im.to_rgba, the colour map's value for the cell; the drawn image resamples it and can move a value on a
bin edge by one table entry) and text (string and colour), the tick labels and the colour range, so the harness's
CaptumTokenPlotSpec can be checked value for value against what Captum shows.

Run: source REFENV/env.sh && /usr/bin/python3 gen_token_plot.py > token_plot.json
(REFENV from shared/tools/reference-env; matplotlib is Debian's python3-matplotlib 3.6.3.)
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import captum  # noqa: E402
from captum.attr._core.llm_attr import LLMAttributionResult  # noqa: E402


def case(name, inputs, outputs, values):
    # float64, as the harness stores scores: matplotlib's Normalize would compute a float32 matrix in float32.
    token_attr = torch.tensor(values, dtype=torch.float64)
    result = LLMAttributionResult(input_tokens=inputs, output_tokens=outputs, seq_attr=token_attr.sum(0), token_attr=token_attr)
    fig, ax = result.plot_token_attr(show=False)
    image = ax.get_images()[0]
    data = token_attr.numpy()
    texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
    cells = []
    for i in range(data.shape[0]):
        row = []
        for j in range(data.shape[1]):
            text = texts[(i, j)]
            row.append({
                "rgba": [float(c) for c in image.to_rgba(data[i, j])],
                "hex": mcolors.to_hex(image.to_rgba(data[i, j])),
                "text": text.get_text(),
                "text_colour": mcolors.to_hex(text.get_color()),
            })
        cells.append(row)
    entry = {
        "name": name,
        "input_tokens": inputs,
        "output_tokens": outputs,
        # JSON has no infinity: "inf" and "-inf" stand for them.
        "token_attr": [[v if np.isfinite(v) else str(v) for v in row] for row in values],
        "vmin": float(image.norm.vmin),
        "vmax": float(image.norm.vmax),
        "x_labels": [t.get_text() for t in ax.get_xticklabels()],
        "y_labels": [t.get_text() for t in ax.get_yticklabels()],
        "cells": cells,
    }
    matplotlib.pyplot.close(fig)
    return entry


def main():
    rng = np.random.default_rng(3)
    signed = rng.normal(size=(1, 6)).round(6).tolist()
    multi = rng.normal(scale=0.01, size=(3, 5)).round(8).tolist()
    positive = np.abs(rng.normal(size=(2, 4))).round(6).tolist()
    # Norm exactly 0.2, 0.8, 0.5 and both ends: the text turns white at 0.2 and 0.8 (strict inequalities), and
    # values whose norm times 256 is a whole number sit on the colour table's bin edges.
    edges = [[-1.0, -0.6, 0.0, 0.6, 1.0, -0.5, 0.5, 1.0 / 256 * 2 - 1, 3.0 / 128 - 1]]
    labels = [" leading space", "new\nline", "tab\there", "it's", 'say "hi"', "both ' and \"", "back\\slash",
              "caf\u00e9", "zero\u200bwidth", "bell\x07", "\u00a0nbsp", "emoji \U0001F600", "  many   spaces  ",
              "x" * 60, "word " * 14, "short words and then averyveryveryverylongwordthatdoesnotfit end",
              "well-known-hyphenated-words-go-on-and-on-and-on-until-they-exceed-fifty", "a--b em--dash words " * 4,
              "\U0001F600" * 55, "", "   ", "\u2028line", "x\x1cy", "abc-" + "1234567890" * 6,
              # Python's \w: ² (No) and Ⅻ (Nl) are word characters, a combining accent (Mn) is not; 𝐀 is a letter above U+FFFF.
              "The protected zone is roughly 12 square km\u00b2-scale wetlands and marshes there",
              "Une analyse tre\u0300s pre\u0301cise de la pe\u0301riode pre\u0301-re\u0301volutionnaire en France",
              "Chapter \u216b-bis of the long and winding road through the hills here",
              "x" * 40 + " ab-\U0001D400bbbbbbbbbb more", "\U0001D400\U0001D401-\U0001D402\U0001D403 " * 9]
    # "%.4f" rounds the exact binary value half to even: 0.03125 and 0.09375 are ties.
    ties = [[0.03125, -0.03125, 0.09375, 1e-9, -1e-9, -0.0, 0.00015, 2.5e-05, 1.00005, 123.456789]]
    cases = [
        case("signed", [" the", " movie", " was", " great", ".", " Sentiment"], [" positive"], signed),
        case("multi_target", ["A", " B", " C", " D", " E"], [" x", "\n", " z"], multi),
        case("positive", ["one", " two", " three", " four"], [" a", " b"], positive),
        case("zeros", ["a", "b", "c"], ["t"], [[0.0, 0.0, 0.0]]),
        case("edges", [f"w{i}" for i in range(9)], ["t"], edges),
        case("labels", labels, ["\n", " it's", 'q"', "\t"],
             (np.arange(4 * len(labels), dtype=np.float64).reshape(4, len(labels)) / 10 - 3).tolist()),
        case("ties", [f"t{i}" for i in range(len(ties[0]))], ["t"], ties),
        # An infinite score: max|score| is inf, which the colour bar's nonsingular widens to +-0.1.
        case("infinite", ["a", "b", "c", "d"], ["t"], [[float("inf"), 0.05, -0.3, float("-inf")]]),
    ]
    json.dump({"generator": "gen_token_plot.py", "captum": captum.__version__, "matplotlib": matplotlib.__version__,
               "cases": cases}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


main()
