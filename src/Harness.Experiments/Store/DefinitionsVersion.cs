namespace Harness.Experiments.Store;

/// <summary>
/// The version of the attributor and metric definitions a result row was computed under, stored in every
/// attributions and metric_values row. Raise <see cref="Current"/> whenever a change moves numbers on purpose
/// (a definition, a default, a reference-parity fix), say why below, and re-record results/baseline: `harness
/// compare` refuses runs of different versions, since their differences are definitions, not regressions.
/// </summary>
public static class DefinitionsVersion
{
    /// <summary>
    /// History:
    /// 1. Every store written before the column existed (read as 1).
    /// 2. Reference parity (issue 21): objectives per method, baseline-token ablation and Captum's integrated
    ///    gradients defaults, ContextCite's surrogate, ReAGent's rationalizers, reference settings and POS
    ///    replacer, Soft-NS/NC's `protocol` transform, Grad-ELLM per head before the output projection.
    /// 3. Reference parity on every fixture model: context_cite draws ContextCite's own ablation masks (numpy's
    ///    RandomState(base_seed + i)) by default, and its seeded draw a stream apart from LDS's masks; attention
    ///    rollout does not renormalise rows (ReAGent); Llama, Mistral, Qwen2 and Phi-3 give float32 logits as
    ///    transformers 4.45.1 does (moves their float64 runs; half precision was already scored in float32).
    /// 4. Paper protocols (issue 22): integrated gradients' baseline and gradient_shap's noise leave region tokens in no
    ///    source at their embedding (word and sentence units, chat templates); sequence targets under a chat template
    ///    attribute the user text and the response, not the template; LongRA's only_correct applies ReAGent's
    ///    distractor and single-token conditions; Soft-NS/NC's inseq_attributors names labels.
    /// 5. Sentence sources as AT2 makes them: `unit: sentence` is NLTK's Punkt (punkt_tab/english) line by line with
    ///    letterless parts dropped (at2.utils.split_text), and what lies between sentences stays fixed.
    /// 6. ContextCite's ablation: context_cite takes an ablated source's text out of the prompt and encodes the prompt
    ///    again (ContextCiter._get_prompt_ids) where the item has the prompt's text, instead of removing its tokens; a
    ///    generated span target is the response's text encoded again with the prompt, as AT2 and ContextCite attribute it.
    /// 7. Captum's samples: lime draws its masks with torch.bernoulli and kernel_shap its coalitions with Captum's
    ///    multinomial size and thresholded randn, so a seed draws what Captum draws after torch.manual_seed; lime's
    ///    kernel weights are float32 as torch computes them, and its Lasso surrogate is scikit-learn's float32 fit
    ///    with sample weights (Captum's SkLearnLasso) instead of a float64 one run to convergence; gradient_shap draws
    ///    its interpolation points as Captum's GradientShap does after np.random.seed (numpy's MT19937); AT2's trainer
    ///    draws the same masks for every example from numpy's RandomState(seed + i) (create_masks), keeps features and
    ///    outputs in float16, learns from an example's sentence targets, and fits in float32 for 1,000 iterations of
    ///    512 distinct examples drawn from numpy's generator as AT2's _sample_batch draws them; the embedded estimator
    ///    was retrained so.
    /// 8. Plausibility as ERASER's code scores it: a rationale covering every source has no average precision (NaN,
    ///    flagged rationale_covers_all; ERASER leaves single-class instances out), and the rows gain ERASER's auprc and
    ///    roc_auc parts; `protocol: ferret` gives ferret's AUPRC, token-F1 and IOU.
    /// </summary>
    public const int Current = 8;

    /// <summary>What a store without the column holds.</summary>
    public const int BeforeVersioning = 1;

    /// <summary>The column's name in the attributions and metric_values tables.</summary>
    public const string Column = "definitions_version";
}
