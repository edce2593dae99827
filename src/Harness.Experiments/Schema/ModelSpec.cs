namespace Harness.Experiments.Schema;

/// <summary>A model of the grid: a Hugging Face folder or a local cache id, loaded once per run.</summary>
/// <param name="MaskedLm">A RoBERTa-architecture masked LM folder for ReAGent's mlm replacer (optional).</param>
/// <param name="At2Estimator">A trained AT2 estimator (.safetensors) for this model (optional).</param>
public sealed record ModelSpec(string Name, string Path, string DType, string Device, string? MaskedLm, string? At2Estimator, SourcePosition Position);
