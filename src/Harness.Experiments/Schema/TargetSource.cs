namespace Harness.Experiments.Schema;

/// <summary>Whose continuation is explained (dataset option `target_source`), beside the granularity of
/// <see cref="TargetMode"/>: the papers explain the model's own output (AT2, ContextCite: its generated response;
/// Grad-ELLM: its predicted label), the ReAGent analogies the gold word.</summary>
public enum TargetSource
{
    /// <summary>The example's own target (the model's greedy continuation where it has none). The default.</summary>
    Gold,

    /// <summary>The model's greedy continuation: one token (token), up to max_new_tokens stopping at EOS (span), as in
    /// sequence mode; the example's target is not used.</summary>
    Generation,

    /// <summary>The label the model ranks first: of the example's label words (each as its first token, spelled as the
    /// gold target is, with its leading space), the one with the highest next-token logit.</summary>
    Prediction,
}
