namespace Harness.Models.Hub;

/// <summary>Where the Hugging Face Hub is, who asks, and where files go: the environment variables
/// huggingface_hub reads, with its defaults.</summary>
/// <param name="Endpoint">HF_ENDPOINT (a mirror, or the tests' loopback server); https://huggingface.co by default.</param>
/// <param name="Token">HF_TOKEN, else the file `huggingface-cli login` writes (HF_TOKEN_PATH, or HF_HOME/token); gated models need one.</param>
/// <param name="CacheDirectory">HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub.</param>
public sealed record HubSettings(Uri Endpoint, string? Token, string CacheDirectory)
{
    /// <summary>The Hub, when HF_ENDPOINT is not set.</summary>
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>How often and after what delay a dropped download is resumed.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>The settings the environment gives (see the parameters); throws when HF_ENDPOINT is not an http(s) URL.</summary>
    public static HubSettings FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? e : DefaultEndpoint;
        if (!Uri.TryCreate(endpoint.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FetchException($"HF_ENDPOINT '{endpoint}' is not an http(s) URL");
        return new HubSettings(uri, StoredToken(), HubCache.DefaultDirectory());
    }

    private static string? StoredToken()
    {
        if (Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } token) return token.Trim();
        var file = Environment.GetEnvironmentVariable("HF_TOKEN_PATH") is { Length: > 0 } path ? path : Path.Combine(HubCache.HomeDirectory(), "token");
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } stored ? stored : null;
    }
}
