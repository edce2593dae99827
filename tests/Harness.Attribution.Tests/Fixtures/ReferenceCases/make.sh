#!/usr/bin/env bash
# Regenerates the cross-model reference cases beside this script with the official code of each library.
#   make.sh REFENV REAGENT_GIT INSEQ_GIT CONTEXT_CITE_GIT AT2_GIT
# REFENV: a reference environment built by ../shared/tools/reference-env/setup.sh with Captum (source REFENV/env.sh);
# *_GIT: git directories of casszhao/ReAGent 780977384e4c, inseq-team/inseq a269ee8fbc65, MadryLab/context-cite 0e646f5b68bd,
# MadryLab/AT2 5fd42ba1e1c5
# (HEAD is used; each generator records the commit). ../shared must sit beside the repository (or set HARNESS_SHARED).
set -euo pipefail
[ $# -eq 5 ] || { sed -n 2,8p "$0"; exit 2; }
here=$(cd "$(dirname "$0")" && pwd); src=$(mktemp -d); trap 'rm -rf "$src"' EXIT
git --git-dir="$2" archive HEAD src | tar -x -C "$src" && mv "$src/src" "$src/reagent"
git --git-dir="$3" archive HEAD inseq | tar -x -C "$src"
git --git-dir="$4" archive HEAD context_cite | tar -x -C "$src"
git --git-dir="$5" archive HEAD at2 | tar -x -C "$src"
source "$1/env.sh"
export PYTHONPATH="$here/stubs:$src:$src/reagent:$PYTHONPATH" INSEQ_GIT="$3"
cd "$here"
/usr/bin/python3 gen_captum_reagent.py "$here"
/usr/bin/python3 gen_captum_surrogates.py "$here/captum_surrogates.json"
/usr/bin/python3 gen_inseq.py "$here/inseq_gradient.json"
/usr/bin/python3 gen_inseq_gradient_shap.py "$here/inseq_gradient_shap.json"
/usr/bin/python3 gen_contextcite.py "$here/contextcite_solver.json"
/usr/bin/python3 gen_at2_trainer.py "$here/at2_trainer.json"
/usr/bin/python3 gen_at2_attributor.py "$here/at2_attributor.json"
