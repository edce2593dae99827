namespace Harness.Scoring;

/// <summary>
/// The passes one item of a method needs, counted from the method's definition (not from our code) for its bound options
/// and a context of a given number of attributed units. One rule per method, in its descriptor: `harness run --dry-run`
/// sums them and the bench's "Min" column divides the passes our code used by them, so the two cannot disagree.
/// </summary>
/// <param name="Formula">How the count is made, for the bench's legend and `harness methods` (e.g. "L + 1").</param>
/// <param name="Source">Where the definition is (spec section, paper, reference file).</param>
/// <param name="Count">(bound options or null for the defaults, attributed units) -> passes.</param>
public sealed record PassRule(string Formula, string Source, Func<object?, double, PassEstimate> Count)
{
    /// <summary>What a method registered without a rule is assumed to need: one forward.</summary>
    public static readonly PassRule OneForward = new("1 forward (no rule given)", "assumed", (_, _) => new PassEstimate(1, 0));

    /// <summary>A rule over a method's options record; null options mean its defaults.</summary>
    public static PassRule For<TOptions>(string formula, string source, Func<TOptions, double, PassEstimate> count) where TOptions : new() =>
        new(formula, source, (options, units) => count(options is TOptions typed ? typed : new TOptions(), units));

    /// <summary>A rule that does not depend on options.</summary>
    public static PassRule Fixed(string formula, string source, Func<double, PassEstimate> count) =>
        new(formula, source, (_, units) => count(units));

    /// <summary>The passes for <paramref name="options"/> (null: the defaults) over <paramref name="units"/> units.</summary>
    public PassEstimate Of(object? options, double units) => Count(options, units);
}
