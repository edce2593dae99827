namespace Harness.Models.Tokenization.Models;

/// <summary>A token the model produced for one word: id, vocabulary string and [Start, End) in the word's UTF-16 units.</summary>
public readonly record struct ModelToken(int Id, string Value, int Start, int End);
