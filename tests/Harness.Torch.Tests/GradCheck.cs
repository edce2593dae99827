namespace Harness.Torch.Tests;

/// <summary>
/// Gradient check by central finite differences in float64, as torch.autograd.gradcheck: for every
/// element x_j of every input, (f(x + eps e_j) - f(x - eps e_j)) / (2 eps) is compared with the
/// gradient autograd computes for the scalar function f.
/// </summary>
internal static class GradCheck
{
    /// <summary>The perturbation of one element.</summary>
    public const double Eps = 1e-6;

    /// <summary>Allowed |numeric - analytic|, relative to 1 + |numeric| (absolute near zero, relative for large values).</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Every element whose numeric and analytic derivatives disagree, described as
    /// "input i [j]: numeric n, analytic a"; empty when the gradients match.</summary>
    public static IReadOnlyList<string> Mismatches(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        foreach (var x in inputs)
            if (x.dtype != torch.float64) throw new ArgumentException($"gradient checks run in float64, got {x}");
        using var scope = torch.NewDisposeScope();
        var leaves = inputs.Select(x => x.detach().requires_grad_()).ToArray();
        var output = f(leaves);
        if (output.numel() != 1) throw new ArgumentException($"f must return a scalar, got {output}");
        var analytic = torch.autograd.grad([output], leaves, allow_unused: true).Select(g => g?.Doubles()).ToArray();

        var mismatches = new List<string>();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < inputs.Length; i++)
        {
            var values = inputs[i].Doubles();
            for (var j = 0; j < values.Length; j++)
            {
                var plus = Evaluate(f, leaves, i, values, j, +Eps);
                var minus = Evaluate(f, leaves, i, values, j, -Eps);
                var numeric = (plus - minus) / (2 * Eps);
                var exact = analytic[i]?[j] ?? 0.0;
                if (!(Math.Abs(numeric - exact) <= Tolerance * (1 + Math.Abs(numeric))))
                    mismatches.Add($"input {i} [{j}]: numeric {numeric:R}, analytic {exact:R}");
            }
        }

        return mismatches;
    }

    /// <summary>f with element j of input i moved by delta.</summary>
    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] inputs, int i, double[] values, int j, double delta)
    {
        using var scope = torch.NewDisposeScope();
        var moved = (double[])values.Clone();
        moved[j] += delta;
        var arguments = (Tensor[])inputs.Clone();
        arguments[i] = torch.tensor(moved, inputs[i].shape, inputs[i].device);
        return f(arguments).ToDouble();
    }
}
