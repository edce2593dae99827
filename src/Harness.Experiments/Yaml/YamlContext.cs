using Harness.Experiments.Schema;
using YamlDotNet.RepresentationModel;

namespace Harness.Experiments.Yaml;

/// <summary>The file being read and the errors found so far; reading goes on after an error so that
/// one `harness validate` reports every problem.</summary>
internal sealed class YamlContext(string file)
{
    public string File { get; } = file;

    public List<ExperimentError> Errors { get; } = [];

    public SourcePosition At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message) => Error(At(node), message);

    /// <summary>Records the error once: a node merged into several entries (an anchor merged into each dataset) is read once per entry.</summary>
    public void Error(SourcePosition position, string message)
    {
        var error = new ExperimentError(position, message);
        if (!Errors.Contains(error)) Errors.Add(error);
    }

    /// <summary>An unknown key: an error, but the rest of the file reads as if it were absent, so the checks that
    /// follow reading (names, options, files) still run and report their problems in the same `harness validate`.</summary>
    public void UnknownKey(YamlNode node, string message)
    {
        var before = Errors.Count;
        Error(node, message);
        if (Errors.Count > before) recoverable++;
    }

    private int recoverable;

    /// <summary>True when every error so far is an unknown key.</summary>
    public bool OnlyUnknownKeys => Errors.Count == recoverable;
}
