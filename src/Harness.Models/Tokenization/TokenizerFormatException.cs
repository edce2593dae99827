namespace Harness.Models.Tokenization;

/// <summary>A tokenizer.json that cannot be loaded: malformed, inconsistent, or using a component this library does not implement.</summary>
public sealed class TokenizerFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenizerFormatException(string message, string filePath, string? section = null, string? componentType = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Section = section;
        ComponentType = componentType;
    }

    /// <summary>The tokenizer.json file.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file (e.g. <c>normalizer.normalizers[1]</c>), when known.</summary>
    public string? Section { get; }

    /// <summary>The <c>type</c> value concerned, when the problem is an unsupported component.</summary>
    public string? ComponentType { get; }
}
