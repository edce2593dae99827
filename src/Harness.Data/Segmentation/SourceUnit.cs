namespace Harness.Data.Segmentation;

/// <summary>The granularity of attribution sources (spec/metrics.md section 5; attributors issue item 2).</summary>
public enum SourceUnit
{
    Token,
    Word,
    Sentence,
}
