using Harness.Reporting.Tables;

namespace Harness.Reporting;

/// <summary>Which dataset a paper table belongs to: per-dataset table ids end in "_" + the dataset's slug. The longest
/// matching slug wins ("reagent_token_multi_passage_qa" is multi_passage_qa's even when a dataset "qa" exists); null for
/// tables over the whole run (plausibility).</summary>
internal static class TableDataset
{
    public static string? Of(ResultTable table, IReadOnlyList<string> datasets) =>
        datasets.Where(d => table.Id.EndsWith("_" + TableLayout.Slug(d), StringComparison.Ordinal))
            .MaxBy(d => TableLayout.Slug(d).Length);
}
