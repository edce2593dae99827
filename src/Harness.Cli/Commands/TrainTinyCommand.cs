using System.CommandLine;
using System.Globalization;
using Harness.Training;

namespace Harness.Cli.Commands;

/// <summary>`harness train-tiny`: trains the embedded default models (a GPT-2 decoder and a RoBERTa
/// masked LM on the synthetic tasks) and saves them in Hugging Face layout with their held-out accuracies.</summary>
internal static class TrainTinyCommand
{
    public static Command Create()
    {
        var defaults = new TinyTrainingOptions();
        var output = new Option<string>("--out") { Description = "The folder that receives tiny-gpt2/ and tiny-roberta/.", DefaultValueFactory = _ => Path.Combine("experiments", "models") };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps for each model.", DefaultValueFactory = _ => defaults.Steps };
        var seed = new Option<ulong>("--seed") { Description = "Seeds the weights, the training stream and the masking.", DefaultValueFactory = _ => defaults.Seed };
        var evaluateEvery = new Option<int>("--eval-every") { Description = "Also measure the decoder's held-out accuracy every N steps (printed, and recorded in training.json); 0: at the end only.", DefaultValueFactory = _ => 0 };
        var command = new Command("train-tiny", """
            Train the tiny GPT-2 and RoBERTa models on the synthetic tasks and save them (config.json,
            model.safetensors, tokenizer.json, training.json with the held-out accuracy per task).

            Examples:
              harness train-tiny
              harness train-tiny --out /tmp/tiny --steps 200 --seed 7
              harness train-tiny --out /tmp/tiny --eval-every 250
            """);
        command.Options.Add(output);
        command.Options.Add(steps);
        command.Options.Add(seed);
        command.Options.Add(evaluateEvery);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(output)!, r.GetValue(steps), r.GetValue(seed), r.GetValue(evaluateEvery))));
        return command;
    }

    private static int Run(string output, int steps, ulong seed, int evaluateEvery)
    {
        var options = new TinyTrainingOptions { Steps = steps, Seed = seed, EvaluateEvery = evaluateEvery };
        if (steps <= options.WarmupSteps) throw new UsageException($"--steps must exceed the {options.WarmupSteps} warm-up steps, got {steps}");
        if (evaluateEvery < 0) throw new UsageException($"--eval-every must be >= 0 (0: at the end only), got {evaluateEvery}");
        var (decoder, maskedLm) = TinyModels.TrainAndSave(output, options, progress: new SynchronousProgress<TrainingProgress>(Print));
        foreach (var card in new[] { decoder, maskedLm })
            Console.WriteLine($"{card.Model}: {card.Parameters:N0} parameters, {card.TrainingSeconds:F0} s, final loss {card.FinalLoss:F3}, held-out accuracy " + Accuracies(card.Accuracy));
        Console.WriteLine($"saved under {Path.GetFullPath(output)}");
        return 0;
    }

    private static void Print(TrainingProgress p)
    {
        if (p.Step % 50 == 0 || p.Step == p.TotalSteps)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Model} step {p.Step}/{p.TotalSteps}  loss {p.Loss:F4}  lr {p.LearningRate:E2}  grad norm {p.GradientNorm:F2}  {p.Elapsed.TotalSeconds:F0} s"));
        if (p.HeldOut is not null)
            Console.WriteLine($"{p.Model} step {p.Step} held-out accuracy " + Accuracies(p.HeldOut));
    }

    private static string Accuracies(IReadOnlyDictionary<string, double> accuracy) =>
        string.Join(", ", accuracy.Select(a => $"{a.Key} {a.Value.ToString("P1", CultureInfo.InvariantCulture)}"));
}
