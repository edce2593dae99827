using Harness.Data.Segmentation;

namespace Harness.Experiments.Schema;

/// <summary>A dataset of the grid: a file reader of Harness.Data with its file (named with `source:` in the
/// dataset cache, or given with `path:`), or `synthetic` with a task name; what is sampled from it, and how
/// targets are chosen.</summary>
/// <param name="Path">The file a file reader reads: the `path:` given, or the cache's file of the `source:` (null for synthetic tasks).</param>
/// <param name="Task">The synthetic task's name (null for file readers).</param>
/// <param name="Sample">How many examples: a seeded sample of a file (file order kept), or the count generated; all of a file when null.</param>
/// <param name="Split">For synthetic tasks the stream drawn from (train, validation or test: different seeds); files have one split, "all".</param>
/// <param name="Unit">The sources scored when an example has no explicit ones: tokens, words or sentences.</param>
public sealed record DatasetSpec(
    string Name, string Reader, string? Path, string? Task, string Split, int? Sample, ulong Seed, TargetMode Target, int MaxNewTokens, int Stride,
    SourceUnit Unit, SourcePosition Position)
{
    /// <summary>The dataset's name in the dataset cache (`source:`), when <see cref="Path"/> was not given.</summary>
    public string? Source { get; init; }

    /// <summary>Whose continuation is explained (option `target_source`).</summary>
    public TargetSource TargetSource { get; init; } = TargetSource.Gold;

    /// <summary>Keep only the examples whose gold target's first token is the model's greedy next token (option
    /// `only_correct`); where an example has a distractor or single-token words (LongRA), also with the distractor
    /// removed and only when the words are single tokens, as ReAGent's prepare_evaluation_analogy.py keeps the analogies
    /// the model gets right.</summary>
    public bool OnlyCorrect { get; init; }

    /// <summary>Whether prompts go through the model's chat template (option `chat`): null means yes where the model
    /// folder's tokenizer_config.json has a `chat_template`, raw text otherwise.</summary>
    public bool? Chat { get; init; }

    /// <summary>The system message a chat prompt starts with (option `system`); none when null.</summary>
    public string? System { get; init; }

    /// <summary>Examples longer than the model's context: fail (default) or skip (option `too_long`).</summary>
    public TooLongPolicy TooLong { get; init; } = TooLongPolicy.Fail;
}
