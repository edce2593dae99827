namespace Harness.Attribution.Tests;

/// <summary>An IProgress that reports on the calling thread at once (Progress&lt;T&gt; posts to the
/// thread pool, so a test could read its list before the reports arrive).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
