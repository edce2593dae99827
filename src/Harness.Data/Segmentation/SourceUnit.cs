namespace Harness.Data.Segmentation;

/// <summary>The granularity of attribution sources (spec/metrics.md section 5; attributors issue item 2).</summary>
public enum SourceUnit
{
    /// <summary>One source per token of the region.</summary>
    Token,
    /// <summary>One source per word: consecutive tokens with no whitespace between them.</summary>
    Word,
    /// <summary>One source per sentence: the tokens whose first non-space character falls in it.</summary>
    Sentence,
    /// <summary>One source per sentence as ContextCite splits a context (context_cite/utils.py split_text): as
    /// <see cref="Sentence"/>, but parts without a letter ("1.", "--") are sentences too.</summary>
    ContextCiteSentence,
}
