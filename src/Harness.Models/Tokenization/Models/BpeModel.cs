using System.Collections.Concurrent;
using System.Text;

namespace Harness.Models.Tokenization.Models;

/// <summary>
/// Byte-pair encoding (Sennrich et al. 2016, "Neural Machine Translation of Rare Words with
/// Subword Units"): start from characters, repeatedly apply the lowest-ranked merge present;
/// tokenizer.json type <c>BPE</c>. Follows Hugging Face tokenizers <c>models/bpe</c>: merges
/// applied through a priority queue over a linked list of symbols, results cached per word.
/// </summary>
internal sealed class BpeModel : TokenizerModel
{
    // The reference caches 10,000 words shorter than 256 bytes; a larger cache only changes speed.
    private const int CacheCapacity = 200_000;
    private const int MaxCachedLength = 256;

    private readonly Dictionary<string, int> vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabLookup;
    private readonly string?[] idToToken;
    private readonly Dictionary<long, BpeMerge> merges;
    private readonly int[]? byteTokenIds;
    private readonly int[] singleUnitIds;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> cacheLookup;
    private int cacheCount;

    /// <summary>
    /// Builds the model. Every merge's two parts and their concatenation must be in the vocabulary
    /// (<see cref="ArgumentException"/> otherwise); a later duplicate of a pair replaces the earlier one.
    /// </summary>
    public BpeModel(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<(string Left, string Right)> mergeList, BpeOptions options)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(mergeList);
        Options = options ?? throw new ArgumentNullException(nameof(options));

        vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        vocabLookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        cacheLookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        int maxId = vocab.Count == 0 ? -1 : vocab.Values.Max();
        if (vocab.Count > 0 && vocab.Values.Min() < 0) throw new ArgumentException("BPE vocabulary ids must not be negative.", nameof(vocabulary));
        idToToken = new string?[maxId + 1];
        foreach (var (token, id) in vocab) idToToken[id] = token;
        // Ids of one-unit tokens, looked up without hashing when a word is split into characters.
        singleUnitIds = new int[char.MaxValue + 1];
        Array.Fill(singleUnitIds, -1);
        foreach (var (token, id) in vocab)
            if (token.Length == 1) singleUnitIds[token[0]] = id;

        int prefixLength = options.ContinuingSubwordPrefix?.Length ?? 0;
        merges = new Dictionary<long, BpeMerge>(mergeList.Count, PairKeyComparer.Instance);
        for (int rank = 0; rank < mergeList.Count; rank++)
        {
            var (left, right) = mergeList[rank];
            if (!vocab.TryGetValue(left, out int leftId))
                throw new ArgumentException($"Merge {rank} ('{left} {right}'): '{left}' is not in the vocabulary.", nameof(mergeList));
            if (!vocab.TryGetValue(right, out int rightId))
                throw new ArgumentException($"Merge {rank} ('{left} {right}'): '{right}' is not in the vocabulary.", nameof(mergeList));
            string merged = string.Concat(left, right.AsSpan(Math.Min(prefixLength, right.Length)));
            if (!vocab.TryGetValue(merged, out int newId))
                throw new ArgumentException($"Merge {rank} ('{left} {right}'): the merged token '{merged}' is not in the vocabulary.", nameof(mergeList));
            merges[PairKey(leftId, rightId)] = new BpeMerge(rank, newId);
        }

        if (options.ByteFallback)
        {
            byteTokenIds = new int[256];
            for (int b = 0; b < 256; b++) byteTokenIds[b] = vocab.TryGetValue($"<0x{b:X2}>", out int id) ? id : -1;
        }
    }

    /// <summary>The model's settings.</summary>
    public BpeOptions Options { get; }

    /// <summary>Number of merge rules (distinct pairs).</summary>
    public int MergeCount => merges.Count;

    /// <inheritdoc />
    public override int VocabSize => vocab.Count;

    /// <inheritdoc />
    public override int? TokenToId(string token) => vocab.TryGetValue(token, out int id) ? id : null;

    /// <inheritdoc />
    public override string? IdToToken(int id) => (uint)id < (uint)idToToken.Length ? idToToken[id] : null;

    /// <inheritdoc />
    public override void Tokenize(ReadOnlySpan<char> word, List<ModelToken> output)
    {
        if (word.IsEmpty) return;
        if (Options.IgnoreMerges && vocabLookup.TryGetValue(word, out int whole))
        {
            output.Add(new ModelToken(whole, idToToken[whole]!, 0, word.Length));
            return;
        }
        if (!cacheLookup.TryGetValue(word, out int[]? triples))
        {
            triples = MergeWord(word);
            if (word.Length < MaxCachedLength && Volatile.Read(ref cacheCount) < CacheCapacity && cache.TryAdd(word.ToString(), triples))
                Interlocked.Increment(ref cacheCount);
        }
        for (int i = 0; i < triples.Length; i += 3)
            output.Add(new ModelToken(triples[i], idToToken[triples[i]]!, triples[i + 1], triples[i + 2]));
    }

    /// <summary>Splits <paramref name="word"/> into characters and merges them; returns (id, start, end) triples.</summary>
    private int[] MergeWord(ReadOnlySpan<char> word)
    {
        var symbols = new BpeSymbol[Math.Max(4, word.Length + 1)];
        int count = 0;
        (int Id, int Start, int End)? unknown = null;
        string? prefix = string.IsNullOrEmpty(Options.ContinuingSubwordPrefix) ? null : Options.ContinuingSubwordPrefix;
        string? suffix = string.IsNullOrEmpty(Options.EndOfWordSuffix) ? null : Options.EndOfWordSuffix;

        for (int i = 0; i < word.Length;)
        {
            int units = NormalizedString.UnitsAt(word, i, word.Length);
            bool isFirst = i == 0;
            bool isLast = i + units == word.Length;
            ReadOnlySpan<char> piece = word.Slice(i, units);
            string? decorated = null;
            int id;
            bool found;
            if ((prefix is not null && !isFirst) || (suffix is not null && isLast))
            {
                decorated = string.Concat(isFirst ? "" : prefix ?? "", piece.ToString(), isLast ? suffix ?? "" : "");
                found = vocab.TryGetValue(decorated, out id);
            }
            else if (units == 1)
            {
                id = singleUnitIds[piece[0]];
                found = id >= 0;
            }
            else
            {
                found = vocabLookup.TryGetValue(piece, out id);
            }

            if (found)
            {
                if (unknown is { } u)
                {
                    Add(ref symbols, ref count, u.Id, u.Start, u.End);
                    unknown = null;
                }
                Add(ref symbols, ref count, id, i, i + units);
            }
            else if (!TryAddBytes(ref symbols, ref count, decorated ?? piece.ToString(), i, i + units) && Options.UnkToken is { } unkToken)
            {
                if (!vocab.TryGetValue(unkToken, out int unkId))
                    throw new InvalidOperationException($"The BPE unknown token '{unkToken}' is not in the vocabulary.");
                if (unknown is { } pending)
                {
                    if (Options.FuseUnk)
                    {
                        unknown = (pending.Id, pending.Start, i + units);
                    }
                    else
                    {
                        Add(ref symbols, ref count, pending.Id, pending.Start, pending.End);
                        unknown = (unkId, i, i + units);
                    }
                }
                else
                {
                    unknown = (unkId, i, i + units);
                }
            }
            i += units;
        }
        if (unknown is { } last) Add(ref symbols, ref count, last.Id, last.Start, last.End);

        MergeAll(symbols, count);

        int kept = 0;
        for (int i = 0; i < count; i++)
            if (!symbols[i].Removed) kept++;
        var triples = new int[kept * 3];
        int t = 0;
        for (int i = 0; i < count; i++)
        {
            if (symbols[i].Removed) continue;
            triples[t++] = symbols[i].Id;
            triples[t++] = symbols[i].Start;
            triples[t++] = symbols[i].End;
        }
        return triples;
    }

    /// <summary>Byte fallback: every UTF-8 byte of <paramref name="text"/> as a &lt;0xNN&gt; token, all or nothing.</summary>
    private bool TryAddBytes(ref BpeSymbol[] symbols, ref int count, string text, int start, int end)
    {
        if (byteTokenIds is null) return false;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (byte b in bytes)
            if (byteTokenIds[b] < 0) return false;
        foreach (byte b in bytes) Add(ref symbols, ref count, byteTokenIds[b], start, end);
        return true;
    }

    private static void Add(ref BpeSymbol[] symbols, ref int count, int id, int start, int end)
    {
        if (count == symbols.Length) Array.Resize(ref symbols, symbols.Length * 2);
        if (count > 0) symbols[count - 1].Next = count;
        symbols[count] = new BpeSymbol { Id = id, Previous = count - 1, Next = -1, Start = start, End = end };
        count++;
    }

    /// <summary>Applies merges lowest rank first (leftmost first on ties) until none applies.</summary>
    private void MergeAll(BpeSymbol[] symbols, int count)
    {
        if (count < 2) return;
        var queue = new PriorityQueue<(int Position, int NewId), long>(count);
        for (int i = 0; i + 1 < count; i++)
        {
            if (merges.TryGetValue(PairKey(symbols[i].Id, symbols[i + 1].Id), out var merge))
                queue.Enqueue((i, merge.NewId), Priority(merge.Rank, i));
        }

        while (queue.TryDequeue(out var top, out _))
        {
            ref BpeSymbol current = ref symbols[top.Position];
            if (current.Removed || current.Next < 0) continue;
            int nextPosition = current.Next;
            BpeSymbol right = symbols[nextPosition];
            // Skip entries made stale by an earlier merge.
            if (!merges.TryGetValue(PairKey(current.Id, right.Id), out var check) || check.NewId != top.NewId) continue;

            current.Id = top.NewId;
            current.End = right.End;
            current.Next = right.Next;
            symbols[nextPosition].Removed = true;
            if (right.Next >= 0 && right.Next < count) symbols[right.Next].Previous = top.Position;

            if (current.Previous >= 0 && merges.TryGetValue(PairKey(symbols[current.Previous].Id, current.Id), out var before))
                queue.Enqueue((current.Previous, before.NewId), Priority(before.Rank, current.Previous));
            if (current.Next >= 0 && current.Next < count && merges.TryGetValue(PairKey(current.Id, symbols[current.Next].Id), out var after))
                queue.Enqueue((top.Position, after.NewId), Priority(after.Rank, top.Position));
        }
    }

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    private static long Priority(int rank, int position) => ((long)rank << 32) | (uint)position;
}
