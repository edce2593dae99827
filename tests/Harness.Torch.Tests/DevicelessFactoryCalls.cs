using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Harness.Torch.Tests;

/// <summary>
/// Finds calls <c>torch.factory(...)</c> that give no named <c>device:</c> argument, where a factory is
/// any public static method of <see cref="torch"/> with a <see cref="Device"/> parameter. Why: a factory
/// without a device makes a CPU tensor, which fails only when it meets a model on CUDA (an id tensor
/// embedded by a GPU model threw on every attribution); naming the device makes the choice visible
/// in review, CPU included. A positional device passes the compiler but not this check: it reads as
/// any other argument.
/// </summary>
public static class DevicelessFactoryCalls
{
    /// <summary>The factories, read from Harness.Torch itself, so a new one is covered with no edit here.</summary>
    public static IReadOnlySet<string> Factories { get; } = typeof(torch)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(Device) || p.ParameterType == typeof(Device?)))
        .Select(m => m.Name)
        .ToHashSet();

    /// <summary>"path:line: call" for every factory call in <paramref name="source"/> without <c>device:</c>.</summary>
    public static IEnumerable<string> In(string source, string path)
    {
        var root = CSharpSyntaxTree.ParseText(source, path: path).GetRoot();
        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.Text: var name }
                || !IsTorch(receiver) || !Factories.Contains(name)) continue;
            if (call.ArgumentList.Arguments.Any(a => a.NameColon?.Name.Identifier.Text == "device")) continue;
            var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            yield return $"{path}:{line}: {call}";
        }
    }

    /// <summary><c>torch</c>, or <c>Harness.Torch.torch</c> spelled out.</summary>
    private static bool IsTorch(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax id => id.Identifier.Text == "torch",
        MemberAccessExpressionSyntax member => member.Name.Identifier.Text == "torch" && member.Expression.ToString() is "Harness.Torch" or "global::Harness.Torch",
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.Text == "torch",
        _ => false,
    };
}
