namespace Harness.Cli.Commands;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so lines
/// could interleave or arrive after the command has finished).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
