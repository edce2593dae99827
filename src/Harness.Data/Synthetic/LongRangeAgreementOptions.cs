namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="LongRangeAgreement"/>.</summary>
internal sealed record LongRangeAgreementOptions
{
    /// <summary>Fewest distractor sentences between the antecedent and the target. Source: ReAGent
    /// Fig. 4 / Vafa et al.'s templates have one parenthetical distractor.</summary>
    public int MinDistractors { get; init; } = 1;

    /// <summary>Most distractor sentences (harness choice: three keep every prompt under 60 words).</summary>
    public int MaxDistractors { get; init; } = 3;
}
