using System.Text;

namespace Harness.Reporting.Tables;

/// <summary>
/// A table as LaTeX with booktabs (\toprule, \midrule, \bottomrule; \cmidrule under each model's
/// group, as ReAGent's and AT2's tables): the significant best per column in \textbf, intervals in a smaller font
/// with a dagger when unreliable.
/// Needs \usepackage{booktabs}.
/// </summary>
public static class LatexTable
{
    /// <summary>The unreliable-interval mark (<see cref="TableValue.UnreliableMark"/>) in math mode, which needs no package.</summary>
    private const string Dagger = "$^\\dagger$";

    /// <summary>The LaTeX table environment of <paramref name="table"/>.</summary>
    public static string Write(ResultTable table)
    {
        var text = new StringBuilder();
        text.Append("\\begin{table}[t]\n\\centering\n\\small\n");
        text.Append("\\begin{tabular}{l").Append('r', table.Columns.Count).Append("}\n\\toprule\n");
        var groups = Groups(table.Columns);
        if (groups.Any(g => g.Name.Length > 0))
        {
            var first = 2;
            var rules = new List<string>();
            text.Append(' ');
            foreach (var (name, span) in groups)
            {
                text.Append(" & ").Append(span == 1 ? Escape(name) : $"\\multicolumn{{{span}}}{{c}}{{{Escape(name)}}}");
                if (name.Length > 0) rules.Add($"\\cmidrule(lr){{{first}-{first + span - 1}}}");
                first += span;
            }

            text.Append(" \\\\\n").Append(string.Join(" ", rules)).Append('\n');
        }

        text.Append(Escape(table.RowHeader));
        foreach (var column in table.Columns) text.Append(" & ").Append(Escape(column.Header));
        text.Append(" \\\\\n\\midrule\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            text.Append(Escape(table.Rows[r].Label));
            for (var c = 0; c < table.Columns.Count; c++)
            {
                text.Append(" & ");
                if (table.Rows[r].Values[c] is not { } value) continue;
                var entry = Entry(value, table.Columns[c].Digits);
                text.Append(table.IsBest(r, c) ? $"\\textbf{{{entry}}}" : entry);
            }

            text.Append(" \\\\\n");
        }

        text.Append("\\bottomrule\n\\end{tabular}\n");
        text.Append("\\caption{").Append(Escape(table.Caption)).Append("}\n");
        text.Append("\\label{tab:").Append(table.Id).Append("}\n\\end{table}\n");
        return text.ToString();
    }

    private static string Entry(TableValue value, int digits)
    {
        if (!double.IsFinite(value.Estimate)) return "n/a";
        var estimate = TableValue.Number(value.Estimate, digits);
        if (!value.HasInterval) return estimate;
        var interval = $"{estimate} {{\\scriptsize [{TableValue.Number(value.Lower, digits)}, {TableValue.Number(value.Upper, digits)}]}}";
        return value.IntervalUnreliable ? interval + Dagger : interval;
    }

    /// <summary>Adjacent columns with the same group, as (group, column count).</summary>
    private static List<(string Name, int Span)> Groups(IReadOnlyList<TableColumn> columns)
    {
        var groups = new List<(string Name, int Span)>();
        foreach (var column in columns)
        {
            if (groups.Count > 0 && groups[^1].Name == column.Group) groups[^1] = (column.Group, groups[^1].Span + 1);
            else groups.Add((column.Group, 1));
        }

        return groups;
    }

    /// <summary>Escapes LaTeX's special characters in labels and captions (attributor labels carry '_' and '=', captions 'p &lt; 0.05').</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var ch in text)
            escaped.Append(ch switch
            {
                '_' or '%' or '&' or '#' or '$' or '{' or '}' => "\\" + ch,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '\\' => "\\textbackslash{}",
                '\u2020' => Dagger,
                '<' or '>' => $"${ch}$", // text mode's OT1 encoding prints them as inverted marks
                _ => ch.ToString(),
            });
        return escaped.ToString();
    }
}
