using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>lime and context_cite recover the weights of a linear model; the shared regression code
/// against closed forms; exact Shapley values of a linear model are its weights.</summary>
[TestFixture]
[Fast]
public sealed class SurrogateTests
{
    // Token 0 is the target, token 1 a fixed prefix outside the region; tokens 2..9 are attributed.
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] RegionWeights = Weights[2..];

    private static AttributionRequest Request(LinearFakeModel model, ulong seed = 0) =>
        new(model, Context, new AttributionTarget.Token(LinearFakeModel.TargetId)) { Region = 1..9, Objective = Objective.Logit, Seed = seed };

    [Test]
    public void Exact_shapley_values_of_a_linear_model_are_its_weights()
    {
        using var model = new LinearFakeModel(Weights);
        var request = Request(model);
        var scorer = new TargetScorer(request, CostMeter.Start());
        var exact = ExactShapley.Of(8, masks => scorer.Score(masks.Select(keep => (IReadOnlyList<long>)Context.Where((_, i) => i == 0 || keep[i - 1]).ToArray()).ToList()));
        Assert.That(exact, Is.EqualTo(RegionWeights).Within(1e-5));
    }

    [TestCase(LimeSurrogate.Ridge, 1e-6, 1e-4)]
    [TestCase(LimeSurrogate.Lasso, 1e-5, 1e-3)]
    [TestCase(LimeSurrogate.Ridge, null, 0.1)]
    public void Lime_recovers_a_linear_models_weights(LimeSurrogate surrogate, double? alpha, double tolerance)
    {
        using var model = new LinearFakeModel(Weights);
        var result = new Lime(new LimeOptions { Ablation = Ablation.Remove, Surrogate = surrogate, Alpha = alpha }).Attribute(Request(model, seed: 11));
        Assert.Multiple(() =>
        {
            Assert.That(result.Scores, Is.EqualTo(RegionWeights).Within(tolerance));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 200), "the prefix before the region once");
        });
    }

    [Test]
    public void Lime_is_reproducible_from_the_seed()
    {
        var gpt2 = Gpt2Fixture.Load();
        try
        {
            var request = new AttributionRequest(gpt2, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { Region = 1..11, Seed = 4 };
            var lime = new Lime(new LimeOptions { Ablation = Ablation.Remove, Samples = 30 });
            Assert.That(lime.Attribute(request).Scores, Is.EqualTo(lime.Attribute(request).Scores));
            Assert.That(lime.Attribute(request with { Seed = 5 }).Scores, Is.Not.EqualTo(lime.Attribute(request).Scores));
        }
        finally
        {
            gpt2.Dispose();
        }
    }

    [Test]
    public void Context_cite_recovers_a_linear_models_weights_through_the_logit_probability()
    {
        using var model = new LinearFakeModel(Weights);
        var result = new ContextCite().Attribute(Request(model, seed: 2));
        // The logit-probability is s - log(V - 1) with s the target logit; Lasso(0.01) shrinks a little.
        Assert.Multiple(() =>
        {
            Assert.That(result.Scores, Is.EqualTo(RegionWeights).Within(0.1));
            Assert.That(result.Diagnostics["intercept"], Is.EqualTo(Weights[1] - Math.Log(Weights.Length - 1)).Within(0.2));
            Assert.That(result.Cost.ForwardPasses, Is.EqualTo(1 + 64), "the prefix before the region once");
        });
    }

    [TestCase(-2.0)]
    [TestCase(-1e-9)]
    [TestCase(-40.0)]
    public void The_logit_probability_is_log_p_over_one_minus_p(double logP)
    {
        var p = Math.Exp(logP);
        var expected = logP > -1e-6 ? logP - Math.Log(-logP - logP * logP / 2) : Math.Log(p / (1 - p));
        Assert.That(LogitProbability.FromLogProbability(logP), Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))));
    }

    [Test]
    public void Weighted_least_squares_matches_the_normal_equations_solution()
    {
        // y = 1 + 2 x0 - 3 x1 exactly; weights must not matter, ridge must shrink.
        double[][] x = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 1]];
        var y = x.Select(r => 1 + 2 * r[0] - 3 * r[1]).ToArray();
        double[] w = [1, 2, 0.5, 3, 1];
        var fit = WeightedLinearSurrogate.LeastSquares(x, y, w);
        var ridge = WeightedLinearSurrogate.LeastSquares(x, y, w, ridge: 5);
        Assert.Multiple(() =>
        {
            Assert.That(fit.Coefficients, Is.EqualTo(new[] { 2.0, -3.0 }).Within(1e-12));
            Assert.That(fit.Intercept, Is.EqualTo(1).Within(1e-12));
            Assert.That(Math.Abs(ridge.Coefficients[0]), Is.LessThan(2));
            Assert.That(Math.Abs(ridge.Coefficients[1]), Is.LessThan(3));
        });
    }

    [Test]
    public void Lasso_on_orthogonal_columns_soft_thresholds_the_least_squares_coefficients()
    {
        // Centred orthogonal columns with mean square 1: beta = sign(b) max(|b| - alpha, 0).
        float[][] x = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
        var y = x.Select(r => 0.5f + 0.8f * r[0] - 0.05f * r[1]).ToArray();
        var fit = ScikitLearnLasso.Solve(x, y, alpha: 0.1);
        Assert.That(fit.Coefficients, Is.EqualTo(new[] { 0.7f, 0.0f }).Within(1e-6));
        Assert.That(fit.Intercept, Is.EqualTo(0.5f).Within(1e-6));
    }

    [Test]
    public void Lasso_sample_weights_count_as_repeated_rows()
    {
        // scikit-learn rescales the weights to sum to n, so weight 2 on a row is that row twice.
        float[][] x = [[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1], [1, 0, 0]];
        float[] y = [1.2f, -0.4f, 0.9f, 0.3f, 1.5f];
        var weighted = ScikitLearnLasso.Solve(x, y, alpha: 0.02, tolerance: 1e-7, sampleWeights: [2, 1, 1, 1, 1]);
        var repeated = ScikitLearnLasso.Solve([x[0], .. x], [y[0], .. y], alpha: 0.02, tolerance: 1e-7);
        Assert.Multiple(() =>
        {
            Assert.That(weighted.Coefficients, Is.EqualTo(repeated.Coefficients).Within(1e-5));
            Assert.That(weighted.Intercept, Is.EqualTo(repeated.Intercept).Within(1e-5));
            Assert.That(weighted.Coefficients, Is.Not.EqualTo(ScikitLearnLasso.Solve(x, y, alpha: 0.02, tolerance: 1e-7).Coefficients), "the weights change the fit");
        });
    }
}
