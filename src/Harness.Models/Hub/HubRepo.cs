using System.Text.RegularExpressions;

namespace Harness.Models.Hub;

/// <summary>The kind of a Hub repository, which decides its URLs and cache folder.</summary>
public enum HubRepoType
{
    /// <summary>A model repository.</summary>
    Model,
    /// <summary>A dataset repository.</summary>
    Dataset,
}

/// <summary>A repository on the Hub ("gpt2", "EleutherAI/gpt-j-6b") and its URLs and cache folder, as
/// huggingface_hub spells them.</summary>
public sealed partial record HubRepo(HubRepoType Type, string Id)
{
    /// <summary>The model repository <paramref name="id"/> ("org/name"); throws for an id the Hub would not accept.</summary>
    public static HubRepo Model(string id) => new(HubRepoType.Model, Checked(id));

    /// <summary>The dataset repository <paramref name="id"/> ("org/name"); throws for an id the Hub would not accept.</summary>
    public static HubRepo Dataset(string id) => new(HubRepoType.Dataset, Checked(id));

    /// <summary>"name" or "owner/name" of letters, digits, '-', '_' and '.', without "--" or ".." (huggingface_hub's rule).</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id) && !id.Contains("--", StringComparison.Ordinal) && !id.Contains("..", StringComparison.Ordinal);

    private static string Checked(string id) => IsValidId(id) ? id
        : throw new ArgumentException($"'{id}' is not a Hub repository id (expected NAME or OWNER/NAME of letters, digits, '-', '_', '.')", nameof(id));

    private string Plural => Type == HubRepoType.Model ? "models" : "datasets";

    /// <summary>The cache folder, e.g. models--EleutherAI--gpt-j-6b.</summary>
    public string CacheFolderName => $"{Plural}--{Id.Replace("/", "--", StringComparison.Ordinal)}";

    /// <summary>api/models/ID/revision/REV?blobs=true: the commit and every file with its size and LFS SHA-256.</summary>
    public string InfoPath(string revision) => $"api/{Plural}/{Id}/revision/{Uri.EscapeDataString(revision)}?blobs=true";

    /// <summary>ID/resolve/REV/FILE (datasets/ID/... for datasets): the file, or a redirect to the CDN holding it.</summary>
    public string ResolvePath(string revision, string file) =>
        $"{(Type == HubRepoType.Dataset ? "datasets/" : "")}{Id}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', file.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The repository's page, where a gated model's licence is accepted.</summary>
    public string PagePath => Type == HubRepoType.Dataset ? $"datasets/{Id}" : Id;

    /// <summary>The id, prefixed by "dataset " for a dataset, as messages name it.</summary>
    public override string ToString() => Type == HubRepoType.Dataset ? $"dataset {Id}" : Id;

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
