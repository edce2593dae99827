namespace Harness.Models.Loading;

/// <summary>One entry of <see cref="ArchitectureRegistry"/>: config.json's model_type and the
/// function that builds the model from a checkpoint.</summary>
internal sealed record ModelArchitecture(string ModelType, Func<ArchitectureLoadContext, ILanguageModel> Load);
