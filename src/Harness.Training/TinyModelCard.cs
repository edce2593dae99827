using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Training;

/// <summary>What training.json records next to a tiny model's weights: how it was trained and its
/// held-out accuracy per task (greedy next token for the decoder, the masked target for the masked
/// LM; see <see cref="HeldOutAccuracy"/>) on the "test" split of the training seed.</summary>
public sealed record TinyModelCard
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("architecture")] public required string Architecture { get; init; }
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }
    [JsonPropertyName("steps")] public required int Steps { get; init; }
    [JsonPropertyName("batch_size")] public required int BatchSize { get; init; }
    [JsonPropertyName("learning_rate")] public required double LearningRate { get; init; }
    /// <summary>The decoder's share of <see cref="RepeatedSequences"/> per batch (absent for the masked LM).</summary>
    [JsonPropertyName("repeated_sequence_share"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RepeatedSequenceShare { get; init; }

    /// <summary>Whether the decoder's position table started at sinusoids (absent for the masked LM).</summary>
    [JsonPropertyName("sinusoidal_positions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SinusoidalPositions { get; init; }

    /// <summary>Which next-token predictions the decoder's loss covered (<see cref="Training.LossTokens"/>; absent for the masked LM).</summary>
    [JsonPropertyName("loss_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LossTokens { get; init; }

    /// <summary>Turns of each task per cycle of the training stream (<see cref="TinyCorpus.Turns"/>).</summary>
    [JsonPropertyName("task_weights")] public IReadOnlyDictionary<string, int>? TaskWeights { get; init; }

    [JsonPropertyName("parameters")] public required long Parameters { get; init; }
    [JsonPropertyName("training_seconds")] public required double TrainingSeconds { get; init; }

    /// <summary>libtorch's intra-op threads during training: the same seed reproduces the weights
    /// bit for bit with the same thread count and libtorch build.</summary>
    [JsonPropertyName("threads")] public required int Threads { get; init; }

    /// <summary>Mean loss of the last 50 steps (or all, when fewer).</summary>
    [JsonPropertyName("final_loss")] public required double FinalLoss { get; init; }

    [JsonPropertyName("held_out_split")] public string HeldOutSplit { get; init; } = "test";
    [JsonPropertyName("held_out_per_task")] public required int HeldOutPerTask { get; init; }

    /// <summary>Task name -> fraction of held-out examples answered correctly.</summary>
    [JsonPropertyName("accuracy")] public required IReadOnlyDictionary<string, double> Accuracy { get; init; }

    /// <summary>The held-out accuracy measured during training (<see cref="TinyTrainingOptions.EvaluateEvery"/>),
    /// by step; absent when none was asked for.</summary>
    [JsonPropertyName("accuracy_curve"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeldOutPoint>? AccuracyCurve { get; init; }

    public const string FileName = "training.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Indented) + "\n");

    public static TinyModelCard Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return JsonSerializer.Deserialize<TinyModelCard>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
    }

    public static TinyModelCard Of<TModel>(string model, string architecture, TrainingResult<TModel> run, TinyTrainingOptions options, IReadOnlyDictionary<string, double> accuracy)
        where TModel : IDisposable => new()
    {
        Model = model,
        Architecture = architecture,
        Seed = options.Seed,
        Steps = options.Steps,
        BatchSize = options.BatchSize,
        LearningRate = options.LearningRate,
        TaskWeights = TinyCorpus.Weights(options.TaskWeights),
        Parameters = run.Parameters,
        TrainingSeconds = Math.Round(run.Elapsed.TotalSeconds, 1),
        Threads = Torch.torch.get_num_threads(),
        FinalLoss = Math.Round(run.Losses.TakeLast(50).Average(), 4),
        HeldOutPerTask = options.HeldOutPerTask,
        Accuracy = accuracy,
    };
}
