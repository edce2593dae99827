namespace Harness.Evaluation.ContextAttribution;

/// <summary>The N source masks of one example's LDS (true: the source is kept) and the output f(v_i)
/// of each: attributor-independent, so shared by all attributors of the example through the memo.</summary>
public sealed record LdsSamples(IReadOnlyList<bool[]> Masks, IReadOnlyList<double> Outputs);
