using System.Text.Json;
using Harness.Models;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>The reference fixtures of ../shared/fixtures/reference (values returned by the official
/// Captum, ContextCite, ReAGent and Inseq code; conventions in its README), read at run time so that
/// further cases of the same kinds run through the same tests.</summary>
public static class ReferenceFixture
{
    /// <summary>A fixture file of ../shared/fixtures/reference.</summary>
    private static JsonElement Load(string file) => Read(SharedFolder.Combine("fixtures", "reference", file));

    /// <summary>The fixture file of ../shared, then its cross-model cases beside the tests (Fixtures/ReferenceCases, made by
    /// the official code with the generators there: more models and prompts of the same kinds).</summary>
    public static IEnumerable<JsonElement> LoadAll(string file) => [Load(file), LoadBeside(file)];

    /// <summary>A fixture file of the kinds ../shared does not hold, beside the tests (Fixtures/ReferenceCases).</summary>
    public static JsonElement LoadBeside(string file) => Read(RepositoryFolder.Combine("tests", "Harness.Attribution.Tests", "Fixtures", "ReferenceCases", file));

    private static JsonElement Read(string path)
    {
        // Inseq's JSON holds Python's bare NaN token; the README allows reading it as null.
        var text = File.ReadAllText(path).Replace("NaN", "null", StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Every (case, precision, entry) of a fixture file as test cases (case, precision name, entry name, entry),
    /// the entries being the properties of one precision's results (<paramref name="section"/>: that property of them;
    /// null: the results themselves). Entries the official code could not compute (an object holding `error`, or a
    /// precision whose results are an `error` in place of the section) are left out unless <paramref name="withErrors"/>:
    /// there is nothing of theirs to reproduce. Anything else malformed becomes a failing case, never a missing one.</summary>
    public static IEnumerable<TestCaseData> Entries(string file, string? section, bool withErrors = false) =>
        Entries(LoadAll(file), file, section, withErrors);

    /// <summary><see cref="Entries(string, string?, bool)"/> of the given fixture files.</summary>
    public static IEnumerable<TestCaseData> Entries(IEnumerable<JsonElement> files, string file, string? section, bool withErrors = false)
    {
        foreach (var c in files.SelectMany(f => f.GetProperty("cases").EnumerateArray()))
            foreach (var precision in c.GetProperty("results").EnumerateObject())
            {
                var results = precision.Value;
                if (section is not null && !results.TryGetProperty(section, out results))
                {
                    if (RaisedInOfficialCode(precision.Value)) continue;
                    throw new InvalidDataException($"{file}: a {precision.Name} result holds neither '{section}' nor an error");
                }

                foreach (var entry in results.EnumerateObject())
                {
                    if (!withErrors && RaisedInOfficialCode(entry.Value)) continue;
                    yield return new TestCaseData(c, precision.Name, entry.Name, entry.Value)
                        .SetArgDisplayNames(c.GetProperty("model_fixture").GetString()!, c.GetProperty("prompt").GetString()!, precision.Name, entry.Name);
                }
            }
    }

    /// <summary>Whether a fixture entry records that the official code raised (an `error` in place of its values).</summary>
    public static bool RaisedInOfficialCode(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("error", out _);

    /// <summary>The fixture model a case names (fixtures/hf-parity/&lt;name&gt;) in float32 or float64.</summary>
    public static ILanguageModel Model(string fixture, string precision) =>
        ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", fixture), precision == "float64" ? ScalarType.Float64 : ScalarType.Float32);

    public static double[] Doubles(this JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    /// <summary>Asserts |actual - expected| &lt;= relative * max|expected| elementwise (the fixtures'
    /// tolerance: 1e-5 in float32, 1e-9 in float64) and returns the largest error, for the test log.</summary>
    public static double AssertClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double relative, string what)
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), what);
        var scale = expected.Max(Math.Abs);
        var error = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        TestContext.Out.WriteLine($"{what}: max |error| {error:E2} (scale {scale:E2})");
        Assert.That(error, Is.LessThanOrEqualTo(relative * scale),
            $"{what}: expected [{string.Join(", ", expected)}]\n but got [{string.Join(", ", actual)}]");
        return error;
    }

    /// <summary>The relative tolerance for values of a torch dtype ("torch.float32"/"float32" or float64).</summary>
    public static double Tolerance(string dtype) => dtype.EndsWith("float64", StringComparison.Ordinal) ? 1e-9 : 1e-5;
}

/// <summary>The fixture models the cases of one test class name, loaded once per (fixture, precision).</summary>
public sealed class ReferenceModels : IDisposable
{
    private readonly Dictionary<(string, string), ILanguageModel> models = [];

    public ILanguageModel For(JsonElement c, string precision)
    {
        var fixture = c.GetProperty("model_fixture").GetString()!;
        if (!models.TryGetValue((fixture, precision), out var model))
            models[(fixture, precision)] = model = ReferenceFixture.Model(fixture, precision);
        return model;
    }

    public void Dispose()
    {
        foreach (var model in models.Values) model.Dispose();
        models.Clear();
    }
}

/// <summary>Base of the reference-parity test classes: the fixture models their cases name, freed after the class.</summary>
public abstract class ReferenceParityTests
{
    protected ReferenceModels Models { get; } = new();

    [OneTimeTearDown]
    public void DisposeModels() => Models.Dispose();
}
