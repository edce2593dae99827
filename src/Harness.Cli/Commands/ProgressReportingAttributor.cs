using Harness.Attribution;
using Harness.Attribution.Core;

namespace Harness.Cli.Commands;

/// <summary>An attributor whose every request carries <paramref name="progress"/>: the runner builds the requests, and
/// the attributor factory it takes is where `harness run` can listen to a long attribution's progress.</summary>
public sealed class ProgressReportingAttributor(IAttributor inner, IProgress<AttributionProgress> progress) : IAttributor
{
    public string Name => inner.Name;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) =>
        inner.Attribute(request with { Progress = progress }, cancellationToken);
}
