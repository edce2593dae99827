namespace Harness.Experiments.Training;

/// <summary>The positions whose next-token prediction the decoder is trained on.</summary>
public enum LossTokens
{
    /// <summary>Only the answer: the prediction at the prompt's last token of its target.</summary>
    Target,

    /// <summary>Every next token of prompt and target (plain language modelling), which also trains
    /// the copying the recall tasks need; the answer is one of them.</summary>
    All,
}
