using System.Globalization;
using System.Text.Json;
using Harness.Models.Tokenization.Decoders;
using Harness.Models.Tokenization.Models;
using Harness.Models.Tokenization.Normalizers;
using Harness.Models.Tokenization.PostProcessors;
using Harness.Models.Tokenization.PreTokenizers;

namespace Harness.Models.Tokenization;

/// <summary>
/// Builds a <see cref="Tokenizer"/> from a Hugging Face tokenizer.json, one section per pipeline
/// stage. Supported <c>type</c> values:
/// normalizer NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents, Prepend, Replace, BertNormalizer,
/// ByteLevel, Sequence; pre_tokenizer ByteLevel, Split, Metaspace, Whitespace, WhitespaceSplit,
/// BertPreTokenizer, Punctuation, Digits, CharDelimiterSplit, Sequence; model BPE, WordLevel,
/// WordPiece; post_processor ByteLevel, TemplateProcessing, RobertaProcessing, BertProcessing,
/// Sequence; decoder ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace, WordPiece,
/// BPEDecoder, Sequence. Anything else fails with a <see cref="TokenizerFormatException"/> naming
/// the section, the type and the file, as does BPE dropout. As in the reference, the ids written in
/// <c>added_tokens</c> are not used (see <c>AddedVocabulary</c>). The <c>truncation</c> and
/// <c>padding</c> sections are not applied: encoding is always of the whole text, unpadded.
/// </summary>
public sealed class TokenizerJsonLoader
{
    private readonly string filePath;

    private TokenizerJsonLoader(string filePath) => this.filePath = filePath;

    /// <summary>Reads and builds the tokenizer in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TokenizerFormatException">The file is malformed or uses an unsupported component.</exception>
    public static Tokenizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Tokenizer file not found: {fullPath}", fullPath);
        byte[] bytes;
        try
        {
            bytes = Harness.Models.Formats.ModelFile.ReadBytes(fullPath, Harness.Models.Formats.ModelFile.TokenizerLimit);
        }
        catch (Harness.Models.Formats.ModelFormatException e)
        {
            throw new TokenizerFormatException($"{fullPath}: {e.Problem}", fullPath, innerException: e);
        }

        return LoadJson(bytes, fullPath);
    }

    /// <summary>Builds a tokenizer from tokenizer.json content; <paramref name="sourceName"/> names it in errors.</summary>
    public static Tokenizer LoadJson(ReadOnlyMemory<byte> json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new TokenizerFormatException($"{sourceName}: not valid JSON ({e.Message}).", sourceName, innerException: e);
        }
        using (document)
        {
            return new TokenizerJsonLoader(sourceName).Build(document.RootElement);
        }
    }

    private Tokenizer Build(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Format("(root)", "the top level must be a JSON object.");
        var normalizer = OptionalSection(root, "normalizer", ReadNormalizer);
        var preTokenizer = OptionalSection(root, "pre_tokenizer", ReadPreTokenizer);
        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.Object)
            throw Format("model", "the 'model' section is missing.");
        var model = ReadModel(modelElement, "model");
        var postProcessor = OptionalSection(root, "post_processor", ReadPostProcessor);
        var decoder = OptionalSection(root, "decoder", ReadDecoder);
        var addedTokens = ReadAddedTokens(root);
        return new Tokenizer(model, addedTokens, normalizer, preTokenizer, postProcessor, decoder);
    }

    private static T? OptionalSection<T>(JsonElement root, string name, Func<JsonElement, string, T> read) where T : class
        => root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? read(element, name) : null;

    private IReadOnlyList<AddedToken> ReadAddedTokens(JsonElement root)
    {
        if (!root.TryGetProperty("added_tokens", out var array) || array.ValueKind == JsonValueKind.Null) return [];
        if (array.ValueKind != JsonValueKind.Array) throw Format("added_tokens", "must be an array.");
        var tokens = new List<AddedToken>();
        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            string section = $"added_tokens[{index++}]";
            bool special = Bool(item, "special", false, section);
            tokens.Add(new AddedToken(
                Int(item, "id", section),
                RequiredString(item, "content", section),
                Bool(item, "single_word", false, section),
                Bool(item, "lstrip", false, section),
                Bool(item, "rstrip", false, section),
                Bool(item, "normalized", !special, section),
                special));
        }
        return tokens;
    }

    // ---- normalizer ----------------------------------------------------------------------------

    private Normalizer ReadNormalizer(JsonElement element, string section)
    {
        string type = TypeOf(element, section);
        return type switch
        {
            "NFC" => new NfcNormalizer(),
            "NFD" => new NfdNormalizer(),
            "NFKC" => new NfkcNormalizer(),
            "NFKD" => new NfkdNormalizer(),
            "Lowercase" => new LowercaseNormalizer(),
            "StripAccents" => new StripAccentsNormalizer(),
            "ByteLevel" => new ByteLevelNormalizer(),
            "Strip" => new StripNormalizer(Bool(element, "strip_left", true, section), Bool(element, "strip_right", true, section)),
            "Prepend" => new PrependNormalizer(RequiredString(element, "prepend", section)),
            "Replace" => new ReplaceNormalizer(ReadPattern(element, section), RequiredString(element, "content", section)),
            "BertNormalizer" => new BertNormalizer(
                Bool(element, "clean_text", true, section),
                Bool(element, "handle_chinese_chars", true, section),
                NullableBool(element, "strip_accents", section),
                Bool(element, "lowercase", true, section)),
            "Sequence" => new SequenceNormalizer(ReadList(element, "normalizers", section, ReadNormalizer)),
            _ => throw Unsupported(section, "normalizer", type),
        };
    }

    // ---- pre_tokenizer ---------------------------------------------------------------------------

    private PreTokenizer ReadPreTokenizer(JsonElement element, string section)
    {
        string type = TypeOf(element, section);
        return type switch
        {
            "ByteLevel" => new ByteLevelPreTokenizer(Bool(element, "add_prefix_space", true, section), Bool(element, "use_regex", true, section)),
            "Split" => new SplitPreTokenizer(ReadPattern(element, section), ReadBehavior(element, section), Bool(element, "invert", false, section)),
            "Metaspace" => new MetaspacePreTokenizer(ReadReplacement(element, section), ReadPrependScheme(element, section), Bool(element, "split", true, section)),
            "Whitespace" => new WhitespacePreTokenizer(),
            "WhitespaceSplit" => new WhitespaceSplitPreTokenizer(),
            "BertPreTokenizer" => new BertPreTokenizer(),
            "Punctuation" => new PunctuationPreTokenizer(element.TryGetProperty("behavior", out _) ? ReadBehavior(element, section) : SplitDelimiterBehavior.Isolated),
            "Digits" => new DigitsPreTokenizer(Bool(element, "individual_digits", false, section)),
            "CharDelimiterSplit" => new SplitPreTokenizer(new LiteralPattern(RequiredString(element, "delimiter", section)), SplitDelimiterBehavior.Removed, invert: false),
            "Sequence" => new SequencePreTokenizer(ReadList(element, "pretokenizers", section, ReadPreTokenizer)),
            _ => throw Unsupported(section, "pre_tokenizer", type),
        };
    }

    private SplitDelimiterBehavior ReadBehavior(JsonElement element, string section)
    {
        string value = RequiredString(element, "behavior", section);
        return value switch
        {
            "Removed" => SplitDelimiterBehavior.Removed,
            "Isolated" => SplitDelimiterBehavior.Isolated,
            "MergedWithPrevious" => SplitDelimiterBehavior.MergedWithPrevious,
            "MergedWithNext" => SplitDelimiterBehavior.MergedWithNext,
            "Contiguous" => SplitDelimiterBehavior.Contiguous,
            _ => throw Format(section + ".behavior", $"unknown split behavior '{value}' (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)."),
        };
    }

    private char ReadReplacement(JsonElement element, string section)
    {
        string value = Str(element, "replacement", "\u2581", section)!;
        if (value.Length != 1)
            throw Format(section + ".replacement", $"the replacement must be one UTF-16 character, got '{value}'.");
        return value[0];
    }

    private PrependScheme ReadPrependScheme(JsonElement element, string section)
    {
        if (element.TryGetProperty("prepend_scheme", out var scheme) && scheme.ValueKind == JsonValueKind.String)
        {
            return scheme.GetString() switch
            {
                "always" => PrependScheme.Always,
                "first" => PrependScheme.First,
                "never" => PrependScheme.Never,
                var other => throw Format(section + ".prepend_scheme", $"unknown prepend scheme '{other}' (expected always, first or never)."),
            };
        }
        // Files written before prepend_scheme existed carry add_prefix_space instead.
        return Bool(element, "add_prefix_space", true, section) ? PrependScheme.Always : PrependScheme.Never;
    }

    // ---- model -------------------------------------------------------------------------------------

    private TokenizerModel ReadModel(JsonElement element, string section)
    {
        string type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : InferModelType(element, section);
        try
        {
            return type switch
            {
                "BPE" => ReadBpe(element, section),
                "WordLevel" => new WordLevelModel(ReadVocab(element, section), Str(element, "unk_token", "<unk>", section)!),
                "WordPiece" => new WordPieceModel(ReadVocab(element, section), Str(element, "unk_token", "[UNK]", section)!,
                    Str(element, "continuing_subword_prefix", "##", section)!, Int(element, "max_input_chars_per_word", section, 100)),
                _ => throw Unsupported(section, "model", type),
            };
        }
        catch (ArgumentException e)
        {
            throw Format(section, e.Message, e);
        }
    }

    private string InferModelType(JsonElement element, string section)
    {
        // Old files have no model type; the reference tries BPE, WordPiece, WordLevel, Unigram in turn.
        if (element.TryGetProperty("merges", out _)) return "BPE";
        if (element.TryGetProperty("vocab", out var vocab) && vocab.ValueKind == JsonValueKind.Array) return "Unigram";
        if (element.TryGetProperty("max_input_chars_per_word", out _) || element.TryGetProperty("continuing_subword_prefix", out _)) return "WordPiece";
        if (element.TryGetProperty("vocab", out _)) return "WordLevel";
        throw Format(section, "the model has no 'type' and no 'vocab'.");
    }

    private BpeModel ReadBpe(JsonElement element, string section)
    {
        if (element.TryGetProperty("dropout", out var dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
            throw new TokenizerFormatException(
                $"{filePath}: section '{section}': BPE dropout {dropout.GetDouble().ToString(CultureInfo.InvariantCulture)} is not supported (encoding would be random); set it to null.",
                filePath, section, "BPE");
        var vocab = ReadVocab(element, section);
        var merges = new List<(string, string)>();
        if (element.TryGetProperty("merges", out var mergeArray) && mergeArray.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var merge in mergeArray.EnumerateArray())
            {
                string where = $"{section}.merges[{index++}]";
                if (merge.ValueKind == JsonValueKind.String)
                {
                    string line = merge.GetString()!;
                    int space = line.IndexOf(' ', StringComparison.Ordinal);
                    if (space < 0) throw Format(where, $"merge '{line}' is not two tokens separated by a space.");
                    merges.Add((line[..space], line[(space + 1)..]));
                }
                else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
                         && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
                {
                    merges.Add((merge[0].GetString()!, merge[1].GetString()!));
                }
                else
                {
                    throw Format(where, "a merge must be \"a b\" or [\"a\", \"b\"].");
                }
            }
        }
        var options = new BpeOptions(
            Str(element, "unk_token", null, section),
            Str(element, "continuing_subword_prefix", null, section),
            Str(element, "end_of_word_suffix", null, section),
            Bool(element, "fuse_unk", false, section),
            Bool(element, "byte_fallback", false, section),
            Bool(element, "ignore_merges", false, section));
        return new BpeModel(vocab, merges, options);
    }

    private Dictionary<string, int> ReadVocab(JsonElement element, string section)
    {
        if (!element.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw Format(section + ".vocab", "the vocabulary must be an object of token -> id.");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out int id) || id < 0)
                throw Format(section + ".vocab", $"token '{entry.Name}' has no valid id.");
            result[entry.Name] = id;
        }
        return result;
    }

    // ---- post_processor ------------------------------------------------------------------------------

    private PostProcessor ReadPostProcessor(JsonElement element, string section)
    {
        string type = TypeOf(element, section);
        return type switch
        {
            "ByteLevel" => new ByteLevelPostProcessor(Bool(element, "trim_offsets", true, section), Bool(element, "add_prefix_space", true, section)),
            "TemplateProcessing" => ReadTemplate(element, section),
            "RobertaProcessing" => new RobertaProcessing(ReadTokenPair(element, "cls", section), ReadTokenPair(element, "sep", section),
                Bool(element, "trim_offsets", true, section), Bool(element, "add_prefix_space", true, section)),
            "BertProcessing" => new BertProcessing(ReadTokenPair(element, "cls", section), ReadTokenPair(element, "sep", section)),
            "Sequence" => new SequencePostProcessor(ReadList(element, "processors", section, ReadPostProcessor)),
            _ => throw Unsupported(section, "post_processor", type),
        };
    }

    private Token ReadTokenPair(JsonElement element, string name, string section)
    {
        if (!element.TryGetProperty(name, out var pair) || pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || pair[0].ValueKind != JsonValueKind.String || !pair[1].TryGetInt32(out int id))
            throw Format($"{section}.{name}", "expected [\"token\", id].");
        return new Token(id, pair[0].GetString()!, 0..0);
    }

    private TemplateProcessing ReadTemplate(JsonElement element, string section)
    {
        if (!element.TryGetProperty("single", out var single)) throw Format(section + ".single", "the single-sequence template is missing.");
        if (single.ValueKind != JsonValueKind.Array) throw Format(section + ".single", "the template must be an array of pieces.");
        var pieces = new List<TemplatePiece>();
        int index = 0;
        foreach (var piece in single.EnumerateArray())
        {
            string where = $"{section}.single[{index++}]";
            if (piece.TryGetProperty("SpecialToken", out var special))
                pieces.Add(new TemplatePiece(RequiredString(special, "id", where), null, Int(special, "type_id", where, 0)));
            else if (piece.TryGetProperty("Sequence", out var sequence))
                pieces.Add(new TemplatePiece(null, RequiredString(sequence, "id", where), Int(sequence, "type_id", where, 0)));
            else
                throw Format(where, "a template piece must be {\"SpecialToken\": ...} or {\"Sequence\": ...}.");
        }

        var specialTokens = new Dictionary<string, SpecialTokenSequence>(StringComparer.Ordinal);
        if (element.TryGetProperty("special_tokens", out var specials) && specials.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in specials.EnumerateObject())
            {
                string where = $"{section}.special_tokens.{entry.Name}";
                var ids = ReadList(entry.Value, "ids", where, (e, w) => e.TryGetInt32(out int v) ? v : throw Format(w, "ids must be integers."));
                var tokens = ReadList(entry.Value, "tokens", where, (e, w) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Format(w, "tokens must be strings."));
                if (ids.Count != tokens.Count) throw Format(where, $"{ids.Count} ids but {tokens.Count} tokens.");
                specialTokens[entry.Name] = new SpecialTokenSequence(Str(entry.Value, "id", entry.Name, where)!, ids, tokens);
            }
        }
        try
        {
            return new TemplateProcessing(pieces, specialTokens);
        }
        catch (ArgumentException e)
        {
            throw Format(section, e.Message, e);
        }
    }

    // ---- decoder -------------------------------------------------------------------------------------

    private Decoder ReadDecoder(JsonElement element, string section)
    {
        string type = TypeOf(element, section);
        return type switch
        {
            "ByteLevel" => new ByteLevelDecoder(),
            "Replace" => new ReplaceDecoder(ReadPattern(element, section), RequiredString(element, "content", section)),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(RequiredString(element, "content", section), Int(element, "start", section, 0), Int(element, "stop", section, 0)),
            "Metaspace" => new MetaspaceDecoder(ReadReplacement(element, section), ReadPrependScheme(element, section)),
            "WordPiece" => new WordPieceDecoder(Str(element, "prefix", "##", section)!, Bool(element, "cleanup", true, section)),
            "BPEDecoder" => new BpeDecoder(Str(element, "suffix", "</w>", section)!),
            "Sequence" => new SequenceDecoder(ReadList(element, "decoders", section, ReadDecoder)),
            _ => throw Unsupported(section, "decoder", type),
        };
    }

    // ---- shared readers ------------------------------------------------------------------------------

    private SplitPattern ReadPattern(JsonElement element, string section)
    {
        if (!element.TryGetProperty("pattern", out var pattern) || pattern.ValueKind != JsonValueKind.Object)
            throw Format(section + ".pattern", "expected {\"String\": ...} or {\"Regex\": ...}.");
        if (pattern.TryGetProperty("String", out var literal) && literal.ValueKind == JsonValueKind.String)
            return new LiteralPattern(literal.GetString()!);
        if (pattern.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String)
        {
            try
            {
                return new RegexPattern(regex.GetString()!);
            }
            catch (ArgumentException e)
            {
                throw Format(section + ".pattern", $".NET cannot compile the regex '{regex.GetString()}': {e.Message}", e);
            }
        }
        throw Format(section + ".pattern", "expected {\"String\": ...} or {\"Regex\": ...}.");
    }

    private List<T> ReadList<T>(JsonElement element, string name, string section, Func<JsonElement, string, T> read)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Format($"{section}.{name}", "expected an array.");
        var items = new List<T>(array.GetArrayLength());
        int index = 0;
        foreach (var item in array.EnumerateArray()) items.Add(read(item, $"{section}.{name}[{index++}]"));
        return items;
    }

    private string TypeOf(JsonElement element, string section)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Format(section, "expected an object.");
        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw Format(section, "the component has no 'type'.");
        return type.GetString()!;
    }

    private string RequiredString(JsonElement element, string name, string section)
        => Str(element, name, null, section) ?? throw Format($"{section}.{name}", "a string is required.");

    private string? Str(JsonElement element, string name, string? fallback, string section)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Format($"{section}.{name}", "expected a string.");
    }

    private bool Bool(JsonElement element, string name, bool fallback, string section)
        => NullableBool(element, name, section) ?? fallback;

    private bool? NullableBool(JsonElement element, string name, string section)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Format($"{section}.{name}", "expected true or false."),
        };
    }

    private int Int(JsonElement element, string name, string section, int? fallback = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback ?? throw Format($"{section}.{name}", "an integer is required.");
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw Format($"{section}.{name}", "expected an integer.");
    }

    private TokenizerFormatException Format(string section, string problem, Exception? inner = null)
        => new($"{filePath}: section '{section}': {problem}", filePath, section, innerException: inner);

    private TokenizerFormatException Unsupported(string section, string stage, string type)
        => new($"{filePath}: section '{section}': unsupported {stage} type '{type}'. Supported {stage} types: {Supported(stage)}.",
            filePath, section, type);

    private static string Supported(string stage) => stage switch
    {
        "normalizer" => "NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents, Prepend, Replace, BertNormalizer, ByteLevel, Sequence",
        "pre_tokenizer" => "ByteLevel, Split, Metaspace, Whitespace, WhitespaceSplit, BertPreTokenizer, Punctuation, Digits, CharDelimiterSplit, Sequence",
        "model" => "BPE, WordLevel, WordPiece",
        "post_processor" => "ByteLevel, TemplateProcessing, RobertaProcessing, BertProcessing, Sequence",
        "decoder" => "ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace, WordPiece, BPEDecoder, Sequence",
        _ => "",
    };
}
