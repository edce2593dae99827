using Harness.Data.Synthetic;
using Harness.Experiments.Running;
using Harness.Models.Tokenization;

namespace Harness.Experiments.Training;

/// <summary>
/// The tiny models' data: every synthetic task generated from one split of a seed
/// (<see cref="DatasetLoader.SplitSeed"/>, so training on "train" never sees an example of the "test"
/// split the experiments evaluate) and tokenized with the tiny tokenizer. Batches take the tasks in
/// turn (example i of the batch stream is task i mod 4), so every batch mixes them evenly.
/// </summary>
public sealed class TinyCorpus
{
    private readonly IReadOnlyList<IReadOnlyList<TokenizedExample>> byTask;

    /// <param name="perTask">Examples generated per task.</param>
    public TinyCorpus(Tokenizer tokenizer, ulong seed, string split, int perTask)
    {
        byTask = SyntheticTasks.All
            .Select(task => task.Generate(perTask, DatasetLoader.SplitSeed(seed, split))
                .Select(e => Tokenize(tokenizer, task.Name, e.Prompt, e.Target!)).ToList())
            .ToList();
    }

    public IReadOnlyList<string> Tasks => SyntheticTasks.Names;

    /// <summary>The examples of task <paramref name="taskIndex"/> (in <see cref="Tasks"/>'s order).</summary>
    public IReadOnlyList<TokenizedExample> ExamplesOf(int taskIndex) => byTask[taskIndex];

    /// <summary>Examples batchSize * step .. batchSize * (step + 1) - 1 of the mixed stream.</summary>
    public IReadOnlyList<TokenizedExample> Batch(int step, int batchSize)
    {
        var tasks = byTask.Count;
        return Enumerable.Range(step * batchSize, batchSize)
            .Select(i => byTask[i % tasks][i / tasks % byTask[i % tasks].Count]).ToList();
    }

    /// <summary>Examples needed per task for <paramref name="steps"/> batches without repeats.</summary>
    public static int PerTaskFor(int steps, int batchSize) => (steps * batchSize + SyntheticTasks.All.Count - 1) / SyntheticTasks.All.Count;

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
