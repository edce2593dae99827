using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>AT2 estimators for tests: the untrained uniform theta for loops over the registry, and a
/// small training set of fixture contexts with token and span targets.</summary>
public static class At2Fixture
{
    /// <summary>Resources whose estimator is AT2's initial theta = 1 / (layers * heads) for the model's
    /// shape: at2 then scores (the mean attention over heads) without a training run.</summary>
    public static AttributorResources Uniform(ILanguageModel model)
    {
        var (layers, heads) = At2Features.ShapeOf(model);
        return new AttributorResources { At2Estimator = At2Estimator.Uniform(layers, heads, model.ModelType) };
    }

    /// <summary>Four examples over the whole context: SEQ_A and three rearrangements of it, two with
    /// a one-token target and two with a span.</summary>
    public static At2TrainingSet TrainingSet(ILanguageModel model, int? batchSize = null)
    {
        var a = Gpt2Fixture.Context;
        long[][] contexts = [a, a.Reverse().ToArray(), a[3..].Concat(a[..3]).ToArray(), a.Select(id => (id * 7 + 3) % 97).ToArray()];
        AttributionTarget[] targets = [new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]), new AttributionTarget.Token(7), new AttributionTarget.Span([3, 9, 11])];
        var examples = contexts.Zip(targets, (c, t) => new AttributionRequest(model, c, t) { BatchSize = batchSize ?? 16 }).ToList();
        return new At2TrainingSet(model.ModelType, "at2-fixture", SourceUnit.Token, examples);
    }
}
