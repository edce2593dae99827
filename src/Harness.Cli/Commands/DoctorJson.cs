using System.Text.Json.Serialization;

namespace Harness.Cli.Commands;

/// <summary>Source-generated JSON for the doctor report (works in trimmed, self-contained builds).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class DoctorJson : JsonSerializerContext;
