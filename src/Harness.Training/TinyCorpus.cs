using Harness.Data.Synthetic;
using Harness.Models.Tokenization;

namespace Harness.Training;

/// <summary>
/// The tiny models' data: every synthetic task generated from one split of a seed
/// (<see cref="SyntheticTasks.SplitSeed"/>, so training on "train" never sees an example of the "test"
/// split the experiments evaluate) and tokenized with the tiny tokenizer. Batches take the tasks in
/// turn, each task as many times per cycle as its weight (<see cref="Turns"/>), so every batch mixes
/// them in those proportions; with every weight 1, example i of the stream is task i mod 4.
/// </summary>
internal sealed class TinyCorpus
{
    private readonly IReadOnlyList<IReadOnlyList<TokenizedExample>> byTask;
    private readonly int[] weights;
    private readonly (int Task, int Rank)[] cycle; // each slot's task, and which of that task's slots it is

    /// <param name="perTask">Examples generated per task of weight 1 (a task of weight w gets w times as many).</param>
    /// <param name="taskWeights">Turns per cycle by task name; a task not named has weight 1.</param>
    public TinyCorpus(Tokenizer tokenizer, ulong seed, string split, int perTask, IReadOnlyDictionary<string, int>? taskWeights = null)
    {
        weights = WeightsOf(taskWeights);
        cycle = Cycle(weights);
        byTask = SyntheticTasks.All
            .Select((task, t) => task.Generate(perTask * weights[t], SyntheticTasks.SplitSeed(seed, split))
                .Select(e => Tokenize(tokenizer, task.Name, e.Prompt, e.Target!)).ToList())
            .ToList();
    }

    public static IReadOnlyList<string> Tasks => SyntheticTasks.Names;

    /// <summary>One cycle of the stream: task indices (in <see cref="Tasks"/>'s order) round-robin, a task of
    /// weight w in the first w rounds (weights 1, 2, 1, 4: 0 1 2 3 1 3 3 3).</summary>
    public IReadOnlyList<int> Turns => cycle.Select(s => s.Task).ToList();

    /// <summary>The examples of task <paramref name="taskIndex"/> (in <see cref="Tasks"/>'s order).</summary>
    public IReadOnlyList<TokenizedExample> ExamplesOf(int taskIndex) => byTask[taskIndex];

    /// <summary>Examples batchSize * step .. batchSize * (step + 1) - 1 of the mixed stream.</summary>
    public IReadOnlyList<TokenizedExample> Batch(int step, int batchSize) =>
        Enumerable.Range(step * batchSize, batchSize).Select(i =>
        {
            var (task, rank) = cycle[i % cycle.Length];
            var occurrence = i / cycle.Length * weights[task] + rank;
            return byTask[task][occurrence % byTask[task].Count];
        }).ToList();

    /// <summary>Examples needed per task of weight 1 for <paramref name="steps"/> batches without repeats.</summary>
    public static int PerTaskFor(int steps, int batchSize, IReadOnlyDictionary<string, int>? taskWeights = null)
    {
        var cycle = WeightsOf(taskWeights).Sum();
        return (int)(((long)steps * batchSize + cycle - 1) / cycle);
    }

    /// <summary>Every task's weight, by name in <see cref="SyntheticTasks.Names"/>'s order; throws on an unknown
    /// task name or a weight below 1.</summary>
    public static IReadOnlyDictionary<string, int> Weights(IReadOnlyDictionary<string, int>? taskWeights)
    {
        var weights = WeightsOf(taskWeights);
        return SyntheticTasks.Names.Select((n, t) => (n, t)).ToDictionary(p => p.n, p => weights[p.t]);
    }

    private static int[] WeightsOf(IReadOnlyDictionary<string, int>? taskWeights)
    {
        foreach (var (name, weight) in taskWeights ?? new Dictionary<string, int>())
        {
            _ = SyntheticTasks.Get(name); // an unknown name fails listing the known ones
            if (weight < 1) throw new ArgumentOutOfRangeException(nameof(taskWeights), weight, $"task weight for '{name}' must be >= 1");
        }

        return SyntheticTasks.Names.Select(n => taskWeights?.GetValueOrDefault(n, 1) ?? 1).ToArray();
    }

    private static (int Task, int Rank)[] Cycle(int[] weights) =>
        Enumerable.Range(0, weights.Max())
            .SelectMany(round => Enumerable.Range(0, weights.Length).Where(t => weights[t] > round).Select(t => (t, round)))
            .ToArray();

    private static TokenizedExample Tokenize(Tokenizer tokenizer, string task, string prompt, string target)
    {
        var promptIds = tokenizer.Encode(prompt, addSpecialTokens: false).Ids;
        var targetIds = tokenizer.Encode(target, addSpecialTokens: false).Ids;
        if (targetIds.Count != 1)
            throw new InvalidOperationException($"{task}: target '{target}' encodes to {targetIds.Count} tokens, the tiny vocabulary needs one");
        if (promptIds.Contains(TinyVocabulary.UnkId) || targetIds[0] == TinyVocabulary.UnkId)
            throw new InvalidOperationException($"{task}: '{prompt}{target}' has a word outside the tiny vocabulary");
        return new TokenizedExample(task, promptIds, targetIds[0]);
    }
}
