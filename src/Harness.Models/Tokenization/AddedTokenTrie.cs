using System.Buffers;

namespace Harness.Models.Tokenization;

/// <summary>
/// Finds added-token strings in text: non-overlapping, leftmost-longest matches scanning left to
/// right (the reference's Aho-Corasick with <c>MatchKind::LeftmostLongest</c>).
/// </summary>
internal sealed class AddedTokenTrie
{
    private readonly List<Dictionary<char, int>> children = [new Dictionary<char, int>()];
    private readonly List<int> terminal = [-1];
    private readonly SearchValues<char> firstCharacters;

    /// <summary>Builds the trie; <paramref name="patterns"/>[i] reports value i. Empty patterns are ignored.</summary>
    public AddedTokenTrie(IReadOnlyList<string> patterns)
    {
        var first = new HashSet<char>();
        for (int value = 0; value < patterns.Count; value++)
        {
            string pattern = patterns[value];
            if (pattern.Length == 0) continue;
            first.Add(pattern[0]);
            int node = 0;
            foreach (char c in pattern)
            {
                if (!children[node].TryGetValue(c, out int child))
                {
                    child = children.Count;
                    children.Add(new Dictionary<char, int>());
                    terminal.Add(-1);
                    children[node][c] = child;
                }
                node = child;
            }
            if (terminal[node] < 0) terminal[node] = value;
        }
        IsEmpty = first.Count == 0;
        firstCharacters = SearchValues.Create(first.ToArray());
    }

    /// <summary>Whether there is nothing to find.</summary>
    public bool IsEmpty { get; }

    /// <summary>Appends (start, end, value) for every match in <paramref name="text"/>.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<(int Start, int End, int Value)> matches)
    {
        if (IsEmpty) return;
        int position = 0;
        while (position < text.Length)
        {
            int found = text[position..].IndexOfAny(firstCharacters);
            if (found < 0) return;
            int start = position + found;
            int node = 0, bestEnd = -1, bestValue = -1;
            for (int i = start; i < text.Length && children[node].TryGetValue(text[i], out int child); i++)
            {
                node = child;
                if (terminal[node] >= 0)
                {
                    bestEnd = i + 1;
                    bestValue = terminal[node];
                }
            }
            if (bestEnd < 0)
            {
                position = start + 1;
                continue;
            }
            matches.Add((start, bestEnd, bestValue));
            position = bestEnd;
        }
    }
}
