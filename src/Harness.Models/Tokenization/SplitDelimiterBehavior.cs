namespace Harness.Models.Tokenization;

/// <summary>
/// What a split does with the delimiter it found (tokenizer.json <c>behavior</c>). For the
/// delimiter '-' and "the-final--countdown": Removed gives the/final/countdown, Isolated
/// the/-/final/-/-/countdown, MergedWithPrevious the-/final-/-/countdown, MergedWithNext
/// the/-final/-/-countdown, Contiguous the/-/final/--/countdown.
/// </summary>
public enum SplitDelimiterBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
