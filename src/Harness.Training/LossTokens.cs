namespace Harness.Training;

/// <summary>The positions whose next-token prediction the decoder is trained on.</summary>
public enum LossTokens
{
    /// <summary>Only the answer: the prediction at the prompt's last token of its target.</summary>
    Target,

    /// <summary>The answer, and the first token of every sentence that follows a period in the prompt: mostly a
    /// function word ("the", "how" in key-value recall), a new person in multi-passage QA, "question". It was
    /// adopted for multi-passage QA's earlier form, three facts about each passage's person, where predicting the
    /// person of a passage's later sentences needs the feature the answer needs (whose facts a position belongs
    /// to); see <see cref="TinyTrainingOptions.LossTokens"/>.</summary>
    TargetAndSentenceStarts,

    /// <summary>Every next token of prompt and target (plain language modelling), which also trains
    /// the copying the recall tasks need; the answer is one of them.</summary>
    All,
}
