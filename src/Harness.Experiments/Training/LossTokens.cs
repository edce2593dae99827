namespace Harness.Experiments.Training;

/// <summary>The positions whose next-token prediction the decoder is trained on.</summary>
public enum LossTokens
{
    /// <summary>Only the answer: the prediction at the prompt's last token of its target.</summary>
    Target,

    /// <summary>The answer, and the first token of every sentence that follows a period in the prompt.
    /// In multi-passage QA that is the person of a passage's second and third sentences (predicting it
    /// needs the feature the answer needs: which passage, so whose facts, a position belongs to), the next
    /// passage's new person, and "question". Elsewhere it is mostly a function word ("the", "how" in key-value
    /// recall). On the answers alone the decoder picked a fact of the asked type from a random passage; this
    /// has not been enough to change that yet (see <see cref="TinyTrainingOptions.LossTokens"/>).</summary>
    TargetAndSentenceStarts,

    /// <summary>Every next token of prompt and target (plain language modelling), which also trains
    /// the copying the recall tasks need; the answer is one of them.</summary>
    All,
}
