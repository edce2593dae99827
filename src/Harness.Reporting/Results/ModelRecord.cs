namespace Harness.Reporting.Results;

/// <summary>A model of the run as loaded: folder, dtype, device and its files' SHA-256.</summary>
public sealed record ModelRecord(string Name, string Folder, string DType, string Device, IReadOnlyDictionary<string, string> FileSha256);
