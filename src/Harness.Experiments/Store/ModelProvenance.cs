namespace Harness.Experiments.Store;

/// <summary>A model as loaded: folder, dtype, device and the SHA-256 of each of its files.</summary>
public sealed record ModelProvenance(string Name, string Folder, string DType, string Device, IReadOnlyDictionary<string, string> FileSha256);
