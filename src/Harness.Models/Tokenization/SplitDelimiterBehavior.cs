namespace Harness.Models.Tokenization;

/// <summary>
/// What a split does with the delimiter it found (tokenizer.json <c>behavior</c>). For the
/// delimiter '-' and "the-final--countdown": Removed gives the/final/countdown, Isolated
/// the/-/final/-/-/countdown, MergedWithPrevious the-/final-/-/countdown, MergedWithNext
/// the/-final/-/-countdown, Contiguous the/-/final/--/countdown.
/// </summary>
public enum SplitDelimiterBehavior
{
    /// <summary>The delimiter is dropped.</summary>
    Removed,
    /// <summary>The delimiter is a piece of its own.</summary>
    Isolated,
    /// <summary>The delimiter ends the piece before it.</summary>
    MergedWithPrevious,
    /// <summary>The delimiter starts the piece after it.</summary>
    MergedWithNext,
    /// <summary>Consecutive delimiters form one piece of their own.</summary>
    Contiguous,
}
