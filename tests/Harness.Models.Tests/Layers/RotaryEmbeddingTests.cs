using Harness.Models.Layers;
using Harness.Torch;

namespace Harness.Models.Tests.Layers;

/// <summary>Rotary embedding: inverse frequencies of every rope_scaling type against values worked
/// out by hand for head_dim 8 and theta 10^4, whose unscaled frequencies are 1, 0.1, 0.01, 0.001
/// (theta^(-2i/8)); and the rotation itself (rotate_half, relative positions).</summary>
[TestFixture]
[Fast]
public sealed class RotaryEmbeddingTests
{
    private const double Relative = 1e-6;
    private static readonly RopeSettings Unscaled = new(Dim: 8, Theta: 10000, MaxPositionEmbeddings: 64);

    [Test]
    public void Default_frequencies_are_theta_to_the_minus_2i_over_d()
    {
        var f = RotaryEmbedding.InverseFrequencies(Unscaled);
        AssertFrequencies(f, [1, 0.1, 0.01, 0.001], attentionFactor: 1);
    }

    [Test]
    public void Linear_scaling_divides_every_frequency_by_the_factor()
    {
        var f = RotaryEmbedding.InverseFrequencies(Unscaled with { Scaling = new RopeScaling { RopeTypeName = "linear", Factor = 4 } });
        AssertFrequencies(f, [0.25, 0.025, 0.0025, 0.00025], attentionFactor: 1);
    }

    [Test]
    public void Dynamic_NTK_keeps_theta_up_to_max_positions_and_grows_it_beyond()
    {
        var settings = Unscaled with { Scaling = new RopeScaling { RopeTypeName = "dynamic", Factor = 2 } };
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings), [1, 0.1, 0.01, 0.001], attentionFactor: 1);
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings, sequenceLength: 64), [1, 0.1, 0.01, 0.001], attentionFactor: 1);
        // L = 128: theta' = 10^4 * (2 * 128 / 64 - 1)^(8 / 6) = 10^4 * 3^(4/3), so theta'^(-i/4) = 10^-i * 3^(-i/3).
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings, sequenceLength: 128),
            [1, 1 / (10 * Math.Cbrt(3)), 1 / (100 * Math.Cbrt(9)), 1 / 3000.0], attentionFactor: 1);
    }

    [Test]
    public void Yarn_interpolates_low_frequencies_extrapolates_high_ones_and_ramps_between()
    {
        // Correction dims over 64 positions: beta_fast 32 -> 8 ln(64 / 64pi) / (2 ln 10^4) = -0.50 -> low 0;
        // beta_slow 1 -> 8 ln(64 / 2pi) / (2 ln 10^4) = 1.008 -> high 2. Ramp (i - 0) / 2 clamped: 0, 0.5, 1, 1;
        // each frequency is ramp * f / 4 + (1 - ramp) * f.
        var f = RotaryEmbedding.InverseFrequencies(Unscaled with { Scaling = new RopeScaling { RopeTypeName = "yarn", Factor = 4 } });
        AssertFrequencies(f, [1, 0.5 * 0.025 + 0.5 * 0.1, 0.0025, 0.00025], attentionFactor: 0.1 * Math.Log(4) + 1);
    }

    [Test]
    public void Yarn_takes_a_given_attention_factor()
    {
        var f = RotaryEmbedding.InverseFrequencies(Unscaled with { Scaling = new RopeScaling { RopeTypeName = "yarn", Factor = 4, AttentionFactor = 0.5 } });
        Assert.That(f.AttentionFactor, Is.EqualTo(0.5));
    }

    [Test]
    public void LongRoPE_divides_by_the_short_factors_until_the_sequence_passes_the_original_context()
    {
        // Phi-3 style: factor = max / original = 128 / 64 = 2, attention sqrt(1 + ln 2 / ln 64) = sqrt(7/6).
        var settings = Unscaled with
        {
            MaxPositionEmbeddings = 128,
            OriginalMaxPositionEmbeddings = 64,
            Scaling = new RopeScaling { RopeTypeName = "longrope", ShortFactor = [1, 2, 4, 5], LongFactor = [2, 4, 8, 16] },
        };
        var attention = Math.Sqrt(7.0 / 6);
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings), [1, 0.05, 0.0025, 0.0002], attention);
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings, sequenceLength: 64), [1, 0.05, 0.0025, 0.0002], attention);
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings, sequenceLength: 65), [0.5, 0.025, 0.00125, 0.0000625], attention);
    }

    [Test]
    public void LongRoPE_without_an_original_context_takes_the_factor_from_rope_scaling()
    {
        // sqrt(1 + ln 4 / ln 64) = sqrt(1 + 1/3).
        var settings = Unscaled with { Scaling = new RopeScaling { RopeTypeName = "longrope", Factor = 4, ShortFactor = [1, 1, 1, 1], LongFactor = [2, 2, 2, 2] } };
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings), [1, 0.1, 0.01, 0.001], Math.Sqrt(4.0 / 3));
    }

    [Test]
    public void Llama3_divides_long_wavelengths_keeps_short_ones_and_smooths_the_band_between()
    {
        // Original context 1024, low/high frequency factors 1 and 4: wavelengths 2pi/f = 6.3, 63, 628, 6283
        // against the band [1024 / 4, 1024 / 1] = [256, 1024]. 628 is in it: s = (1024 / 628.3 - 1) / 3,
        // f' = (1 - s) * 0.01 / 8 + s * 0.01; 6283 is above it: 0.001 / 8.
        var settings = Unscaled with
        {
            Scaling = new RopeScaling { RopeTypeName = "llama3", Factor = 8, LowFrequencyFactor = 1, HighFrequencyFactor = 4, OriginalMaxPositionEmbeddings = 1024 },
        };
        var s = (1024 / (200 * Math.PI) - 1) / 3;
        AssertFrequencies(RotaryEmbedding.InverseFrequencies(settings), [1, 0.1, (1 - s) * 0.01 / 8 + s * 0.01, 0.001 / 8], attentionFactor: 1);
    }

    [Test]
    public void The_legacy_type_key_wins_over_rope_type_as_in_transformers_LlamaConfig()
    {
        var scaling = new RopeScaling { RopeTypeName = "dynamic", LegacyTypeName = "linear", Factor = 2 };
        Assert.That(scaling.Type, Is.EqualTo(RopeType.Linear));
        Assert.That(new RopeScaling().Type, Is.EqualTo(RopeType.Default));
    }

    [Test]
    public void An_unknown_type_and_a_missing_key_are_named()
    {
        var unknown = Assert.Throws<NotSupportedException>(() => _ = new RopeScaling { RopeTypeName = "ntk-by-parts" }.Type)!;
        Assert.That(unknown.Message, Does.Contain("'ntk-by-parts'").And.Contain("dynamic").And.Contain("longrope"));
        var missing = Assert.Throws<ArgumentException>(() => new RotaryEmbedding(Unscaled with { Scaling = new RopeScaling { RopeTypeName = "llama3", Factor = 8 } }))!;
        Assert.That(missing.Message, Does.Contain("low_freq_factor"));
    }

    [Test]
    public void Rotate_half_maps_x1_x2_to_minus_x2_x1()
    {
        using var scope = torch.NewDisposeScope();
        var rotated = RotaryEmbedding.RotateHalf(torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 1, 4]));
        Assert.That(rotated.ToArray<float>(), Is.EqualTo(new float[] { -3, -4, 1, 2 }));
    }

    [Test]
    public void Cos_and_sin_are_those_of_position_times_frequency_for_both_halves()
    {
        using var scope = torch.NewDisposeScope();
        var (cos, sin) = new RotaryEmbedding(Unscaled).Forward(torch.tensor(new long[] { 0, 3 }, [1, 2]), ScalarType.Float32); // [1, 2, 8]
        var expectedCos = new[] { 1, 1, 1, 1, 1, 1, 1, 1 }.Select(x => (double)x)
            .Concat(new[] { 3, 0.3, 0.03, 0.003, 3, 0.3, 0.03, 0.003 }.Select(Math.Cos)).ToArray();
        var expectedSin = new double[8].Concat(new[] { 3, 0.3, 0.03, 0.003, 3, 0.3, 0.03, 0.003 }.Select(Math.Sin)).ToArray();
        Assert.That(cos.ToArray<float>().Select(x => (double)x), Is.EqualTo(expectedCos).Within(1e-6));
        Assert.That(sin.ToArray<float>().Select(x => (double)x), Is.EqualTo(expectedSin).Within(1e-6));
    }

    [Test]
    public void Position_zero_leaves_vectors_unrotated_and_dot_products_depend_only_on_the_offset()
    {
        using var scope = torch.NewDisposeScope();
        var rope = new RotaryEmbedding(Unscaled);
        using var generator = new Generator(7);
        var q = torch.randn([1, 1, 1, 8], generator);
        var k = torch.randn([1, 1, 1, 8], generator);
        Tensor At(Tensor x, long position)
        {
            var (cos, sin) = rope.Forward(torch.tensor(new[] { position }, [1, 1]), ScalarType.Float32);
            return RotaryEmbedding.Apply(x, cos, sin);
        }

        Assert.That(At(q, 0).equal(q), "position 0");
        var near = At(q, 5).mul(At(k, 2)).sum().ToDouble();
        var far = At(q, 40).mul(At(k, 37)).sum().ToDouble();
        Assert.That(far, Is.EqualTo(near).Within(1e-5), "<R(5) q, R(2) k> = <R(40) q, R(37) k>");
    }

    [Test]
    public void Dynamic_NTK_follows_the_largest_position_of_each_forward_pass()
    {
        using var scope = torch.NewDisposeScope();
        var rope = new RotaryEmbedding(Unscaled with { Scaling = new RopeScaling { RopeTypeName = "dynamic", Factor = 2 } });
        var (_, sinShort) = rope.Forward(torch.tensor(new long[] { 1, 63 }, [1, 2]), ScalarType.Float32);
        var (_, sinLong) = rope.Forward(torch.tensor(new long[] { 1, 127 }, [1, 2]), ScalarType.Float32);
        Assert.That(sinShort.ToArray<float>()[1], Is.EqualTo(Math.Sin(0.1)).Within(1e-6), "63 < 64 positions: unscaled");
        Assert.That(sinLong.ToArray<float>()[1], Is.EqualTo(Math.Sin(1 / (10 * Math.Cbrt(3)))).Within(1e-6), "128 positions: theta 10^4 * 3^(4/3)");
    }

    private static void AssertFrequencies(RopeFrequencies actual, double[] expected, double attentionFactor)
    {
        Assert.That(actual.Inverse, Has.Length.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
            Assert.That(actual.Inverse[i], Is.EqualTo(expected[i]).Within(Relative * expected[i]), $"inverse frequency {i}");
        Assert.That(actual.AttentionFactor, Is.EqualTo(attentionFactor).Within(1e-12), "attention factor");
    }
}
