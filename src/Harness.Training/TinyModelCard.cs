using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Training;

/// <summary>What training.json records next to a tiny model's weights: how it was trained and its
/// held-out accuracy per task (greedy next token for the decoder, the masked target for the masked
/// LM; see <see cref="HeldOutAccuracy"/>) on the "test" split of the training seed.</summary>
public sealed record TinyModelCard
{
    /// <summary>The model's folder name (<see cref="TinyModels.DecoderFolder"/> or <see cref="TinyModels.MaskedLmFolder"/>).</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }
    /// <summary>The Hugging Face architecture name written in config.json (GPT2LMHeadModel, RobertaForMaskedLM).</summary>
    [JsonPropertyName("architecture")] public required string Architecture { get; init; }
    /// <summary>The training seed: it draws the initial weights, the corpus and the batches.</summary>
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }
    /// <summary>Optimizer steps taken.</summary>
    [JsonPropertyName("steps")] public required int Steps { get; init; }
    /// <summary>Examples per optimizer step.</summary>
    [JsonPropertyName("batch_size")] public required int BatchSize { get; init; }
    /// <summary>Peak learning rate of the warm-up and cosine schedule.</summary>
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

    /// <summary>Number of trainable scalars.</summary>
    [JsonPropertyName("parameters")] public required long Parameters { get; init; }
    /// <summary>Wall time of the optimizer steps in seconds, to 0.1 s (held-out evaluation excluded).</summary>
    [JsonPropertyName("training_seconds")] public required double TrainingSeconds { get; init; }

    /// <summary>libtorch's intra-op threads during training: the same seed reproduces the weights
    /// bit for bit with the same thread count and libtorch build.</summary>
    [JsonPropertyName("threads")] public required int Threads { get; init; }

    /// <summary>Mean loss of the last 50 steps (or all, when fewer).</summary>
    [JsonPropertyName("final_loss")] public required double FinalLoss { get; init; }

    /// <summary>The corpus split the accuracy was measured on.</summary>
    [JsonPropertyName("held_out_split")] public string HeldOutSplit { get; init; } = "test";
    /// <summary>Held-out examples per task behind each accuracy.</summary>
    [JsonPropertyName("held_out_per_task")] public required int HeldOutPerTask { get; init; }

    /// <summary>Task name -> fraction of held-out examples answered correctly.</summary>
    [JsonPropertyName("accuracy")] public required IReadOnlyDictionary<string, double> Accuracy { get; init; }

    /// <summary>The held-out accuracy measured during training (<see cref="TinyTrainingOptions.EvaluateEvery"/>),
    /// by step; absent when none was asked for.</summary>
    [JsonPropertyName("accuracy_curve"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HeldOutPoint>? AccuracyCurve { get; init; }

    /// <summary>The card's file name beside the weights.</summary>
    public const string FileName = "training.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the card as indented JSON to <see cref="FileName"/> in <paramref name="directory"/>.</summary>
    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Indented) + "\n");

    /// <summary>Reads the card in <paramref name="directory"/>; throws when the file is missing or empty.</summary>
    public static TinyModelCard Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return JsonSerializer.Deserialize<TinyModelCard>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
    }

    internal static TinyModelCard Of<TModel>(string model, string architecture, TrainingResult<TModel> run, TinyTrainingOptions options, IReadOnlyDictionary<string, double> accuracy)
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
