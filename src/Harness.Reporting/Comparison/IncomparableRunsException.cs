namespace Harness.Reporting.Comparison;

/// <summary>Two runs whose differences would not mean regressions (computed under different attributor and metric
/// definitions): `harness compare` refuses them with exit code 2.</summary>
public sealed class IncomparableRunsException(string message) : Exception(message);
