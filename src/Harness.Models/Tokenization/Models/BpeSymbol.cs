namespace Harness.Models.Tokenization.Models;

/// <summary>A symbol of a word being merged: token id, doubly linked neighbours and its [Start, End) in the word.</summary>
internal struct BpeSymbol
{
    public int Id;
    public int Previous;
    public int Next;
    public int Start;
    public int End;
    public bool Removed;
}
