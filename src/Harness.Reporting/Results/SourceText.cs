using Harness.Experiments.Running;

namespace Harness.Reporting.Results;

/// <summary>The text of each scored source of an item, in score order: the source's label or its tokens' text for
/// grouped sources (words, sentences, AT2's context sources), each region token's text otherwise.</summary>
internal static class SourceText
{
    public static IReadOnlyList<string> Of(EvaluationItem item, TokenText text) => item.SourceGroups is { } groups
        ? Enumerable.Range(0, groups.Length).Select(i => item.SourceLabels?[i] ?? text.Of(groups[i].Select(p => item.ContextIds[p]))).ToList()
        : item.ContextIds[item.RegionStart..item.RegionEnd].Select(text.Of).ToList();
}
