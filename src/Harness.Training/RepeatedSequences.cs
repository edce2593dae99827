using Harness.Data.Synthetic;

namespace Harness.Training;

/// <summary>
/// The decoder's auxiliary training data: a random run of words followed by the same run again, the
/// loss on every token of the repeat. Copying a repeat is the induction-head task of Olsson et al. 2022
/// ("In-context Learning and Induction Heads", §2): attend to the token after the earlier occurrence of
/// the current one and copy it. Key-value recall and multi-passage QA need the same circuit (find the
/// key asked about in the context, copy the word after it), and a tiny decoder trained on the answers
/// alone found it slowly or not at all (trained on key-value recall alone it stalled near 25% held-out
/// accuracy after 3000 steps, and passed 95% by step 1250 with repeats mixed in 1:1; in the four-task mix
/// with 3-6 pairs it levelled off near 89%, against 20% without repeats; with the default 3-4 pairs it passes 99%). Repeats are never evaluated: they are
/// not a synthetic task, and the held-out accuracies are measured on the tasks' test split. The loss is
/// a mean over scored tokens, so at 1:1 a run's 6-16 repeated tokens outweigh a task example's one answer
/// about elevenfold; that is the weighting the runs above used.
/// </summary>
/// <param name="seed">Seeds every run of words (example i depends only on the seed and i).</param>
internal sealed class RepeatedSequences(ulong seed)
{
    public const string TaskName = "repeated_sequence";

    /// <summary>Words per run, inclusive (harness choice: about the length of a task's context; twice the
    /// longest run, 32 tokens, fits the default 128 positions). Tried and not adopted: a lead of 0 .. 80 - 2n
    /// random words before each run, so copying is trained at every position the tasks copy from; every task
    /// learned more slowly (key-value recall 28-32% from step 2500 to 3250, with multi-passage QA in a
    /// key-value form, one of the forms <see cref="MultiPassageQa"/> lists as not adopted).</summary>
    public const int MinLength = 6, MaxLength = 16;

    /// <summary>Run i: n words drawn uniformly (with replacement) from the tiny vocabulary's words,
    /// then the same n again; scored from the repeat's first token.</summary>
    public TokenizedExample Example(int index)
    {
        var random = SplitMix64.ForExample(seed, index);
        var length = random.Between(MinLength, MaxLength);
        var words = TinyVocabulary.Tokens.Count - TinyVocabulary.FirstWordId;
        var run = Enumerable.Range(0, length).Select(_ => TinyVocabulary.FirstWordId + random.Next(words)).ToArray();
        int[] sequence = [.. run, .. run];
        return new TokenizedExample(TaskName, sequence[..^1], sequence[^1]) { ScoredFrom = length };
    }

    /// <summary>Runs first .. first + count - 1.</summary>
    public IReadOnlyList<TokenizedExample> Batch(int first, int count) => Enumerable.Range(first, count).Select(Example).ToList();

    /// <summary>The repeats' seed for a training seed: the train split's seed
    /// (<see cref="SyntheticTasks.SplitSeed"/>) mixed with a constant, so the runs are not drawn from
    /// the same random streams as the tasks' examples.</summary>
    public static RepeatedSequences ForTraining(ulong seed) => new(SyntheticTasks.SplitSeed(seed, "train") ^ 0x5EED_0F_1D_C0_FFEE);
}
