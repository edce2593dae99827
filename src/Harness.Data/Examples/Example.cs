namespace Harness.Data.Examples;

/// <summary>
/// One evaluation example as every reader and synthetic task produces it: the prompt the model
/// continues, optionally the expected continuation, the evidence a faithful attribution should
/// find, and the parts of the prompt that are attributed (everything when <see cref="Region"/> is null).
/// All spans are character spans of <see cref="Prompt"/>, except in a pre-tokenized example (<see cref="PromptIds"/>).
/// </summary>
public sealed record Example(string Id, string Prompt)
{
    /// <summary>The expected continuation (with its leading space), when the set has one: the target of
    /// token- and span-level attribution.</summary>
    public string? Target { get; init; }

    /// <summary>Human or constructed rationale (evidence) spans, for plausibility (spec/metrics.md section 6).</summary>
    public IReadOnlyList<CharSpan> Rationale { get; init; } = [];

    /// <summary>The attributed part of the prompt (e.g. the sentence inside a classification template).</summary>
    public CharSpan? Region { get; init; }

    /// <summary>Explicit sources (passages or sentences of a QA context), for source-level metrics and
    /// context pruning; empty when sources come from a <see cref="Segmentation.SourceUnit"/>.</summary>
    public IReadOnlyList<CharSpan> Sources { get; init; } = [];

    /// <summary>Indices into <see cref="Sources"/> of the gold supporting sources (oracle pruning).</summary>
    public IReadOnlyList<int> SupportingSources { get; init; } = [];

    /// <summary>The gold label of a classification prompt (e.g. "positive"), for label agreement.</summary>
    public string? Label { get; init; }

    /// <summary>The label words a classification answer is parsed into (e.g. positive, negative).</summary>
    public IReadOnlyList<string> LabelSet { get; init; } = [];

    /// <summary>Gold answers of a QA example (token F1 / exact match in context pruning).</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>The prompt as token ids of the model's tokenizer, for pre-tokenized data (the `jsonl` reader's `ids`): the
    /// model reads exactly these, no special token added. Until <see cref="TokenIdPrompt.Render"/> decodes them with the
    /// model's tokenizer, <see cref="Prompt"/> is empty and every span counts tokens of this list, not characters.</summary>
    public IReadOnlyList<int>? PromptIds { get; init; }

    /// <summary>The target as token ids (the `jsonl` reader's `target_ids`), used as they are instead of encoding <see cref="Target"/>.</summary>
    public IReadOnlyList<int>? TargetIds { get; init; }

    /// <summary>The synthetic task or dataset category the example comes from (e.g. "key_value").</summary>
    public string? Task { get; init; }

    /// <summary>A span of the prompt the prediction should not need (LongRA's parenthetical): `only_correct` also asks the
    /// model to be right with its tokens removed, as ReAGent's src/data/prepare_evaluation_analogy.py does; null when none.</summary>
    public CharSpan? Distractor { get; init; }

    /// <summary>Words `only_correct` asks the model's tokenizer to spell as one token (LongRA's analogy pair: ReAGent's
    /// src/data/data_utils.py preprocess_analogies keeps the pairs whose two words are); empty when none.</summary>
    public IReadOnlyList<string> SingleTokenWords { get; init; } = [];
}
