namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>When Metaspace puts its replacement character in front of a word (tokenizer.json <c>prepend_scheme</c>).</summary>
internal enum PrependScheme
{
    /// <summary>In front of every piece that does not start with it.</summary>
    Always,

    /// <summary>Only in front of the piece that starts the original text.</summary>
    First,

    /// <summary>Never.</summary>
    Never,
}
