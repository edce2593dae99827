using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Torch;

namespace Harness.Experiments.Tests;

/// <summary>Fails mid-cell the way the CUDA device probe did: it makes tensors in its own scope, opens
/// a scope it never closes (a constructor that throws after opening one), makes tensors there, and
/// throws. The runner must record this message, not an error from disposing the scopes behind it.</summary>
public sealed class ScopeLeakingAttributor : IAttributor
{
    public const string Message = "scope_leaking failed on purpose";

    public string Name => "scope_leaking";

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var scope = torch.NewDisposeScope();
        _ = torch.zeros([4], device: request.Model.Device);
        _ = torch.NewDisposeScope();
        _ = torch.ones([4], device: request.Model.Device);
        throw new AttributionException(Message);
    }
}
