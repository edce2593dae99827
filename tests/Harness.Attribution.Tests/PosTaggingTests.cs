using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>ReAGent's `pos` replacer: our averaged-perceptron tagger tags as nltk 3.8 does (every GPT-2 vocabulary
/// entry decoded and stripped as ReAGent's POSTagTokenSampler does, and a list of hard words; oracle
/// Fixtures/NltkPosTags/nltk_pos_tags.json, made by gen_nltk_pos_tags.py beside it); the tag map is built from a model
/// folder's tokenizer and cached beside it; the replacer draws only ids of the original token's tag, from the seed.</summary>
[TestFixture]
[Fast]
public sealed class PosTaggingTests
{
    private static readonly JsonElement Oracle = JsonDocument.Parse(File.ReadAllText(
        RepositoryFolder.Combine("tests", "Harness.Attribution.Tests", "Fixtures", "NltkPosTags", "nltk_pos_tags.json"))).RootElement.Clone();

    [Test]
    public void Hard_words_are_tagged_as_nltk_tags_them()
    {
        var words = Oracle.GetProperty("words").EnumerateArray().Select(p => (Word: p[0].GetString()!, Tag: p[1].GetString()!)).ToList();

        var tags = words.Select(w => AveragedPerceptronTagger.Shared.Tag([w.Word])[0]).ToList();

        Assert.That(tags, Is.EqualTo(words.Select(w => w.Tag)), string.Join(", ", words.Zip(tags).Where(p => p.First.Tag != p.Second).Select(p => $"{p.First.Word}: nltk {p.First.Tag}, ours {p.Second}")));
    }

    [Test]
    public void Every_gpt2_vocabulary_entry_gets_nltks_tag()
    {
        var tokenizer = Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "gpt2", "tokenizer.json"));
        var expected = Oracle.GetProperty("gpt2_vocab_tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

        var map = PosTagMap.Build(tokenizer, "test");

        var disagreements = Enumerable.Range(0, expected.Length).Where(i => map.Tags[i] != expected[i]).ToList();
        TestContext.Out.WriteLine($"agreement with nltk 3.8: {expected.Length - disagreements.Count} of {expected.Length}");
        Assert.That(map.Tags, Has.Count.EqualTo(expected.Length));
        Assert.That(disagreements, Is.Empty, string.Join("; ", disagreements.Take(10).Select(i =>
            $"{i} {JsonSerializer.Serialize(tokenizer.Decode([i], skipSpecialTokens: false))}: nltk {expected[i]}, ours {map.Tags[i]}")));
    }

    [Test]
    public void The_map_is_cached_beside_the_model_and_rebuilt_when_the_tokenizer_changes()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"harness-pos-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(RepositoryFolder.Combine("experiments", "models", "tiny-gpt2", "tokenizer.json"), Path.Combine(folder, "tokenizer.json"));

            var built = PosTagMap.ForModel(folder);
            var cache = Path.Combine(folder, PosTagMap.FileName);
            var written = File.GetLastWriteTimeUtc(cache);
            var read = PosTagMap.ForModel(folder);

            Assert.Multiple(() =>
            {
                Assert.That(File.Exists(cache), Is.True);
                Assert.That(read.Tags, Is.EqualTo(built.Tags));
                Assert.That(File.GetLastWriteTimeUtc(cache), Is.EqualTo(written), "read from the cache, not rebuilt");
            });

            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), File.ReadAllText(Path.Combine(folder, "tokenizer.json")) + "\n");
            Assert.That(PosTagMap.TryRead(cache, "another tokenizer's hash"), Is.Null, "a cache of another tokenizer is not used");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_pos_replacer_draws_ids_of_the_replaced_tokens_tag_reproducibly_from_the_seed()
    {
        var tokenizer = Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "gpt2", "tokenizer.json"));
        var map = PosTagMap.Build(tokenizer, "test");
        long[] context = [464, 3797, 318, 4171, 290, 262, 3290, 13];          // "The cat is happy and the dog."
        var keep = Enumerable.Range(0, 50).Select(r => context.Select((_, i) => (r + i) % 3 != 0).ToArray()).ToList();

        IReadOnlyList<long>[] Replace(ulong seed)
        {
            using var sampler = new CoalitionSampler(seed);
            return new PosReplacer(context, map).Replace(keep, Enumerable.Repeat(sampler, keep.Count).ToList());
        }

        var first = Replace(7);
        Assert.Multiple(() =>
        {
            for (var r = 0; r < keep.Count; r++)
                for (var i = 0; i < context.Length; i++)
                {
                    if (keep[r][i]) Assert.That(first[r][i], Is.EqualTo(context[i]), "kept");
                    else Assert.That(map.Tags[(int)first[r][i]], Is.EqualTo(map.Tags[(int)context[i]]), $"row {r} position {i}: same tag");
                }

            Assert.That(Replace(7).Select(r => r.ToArray()), Is.EqualTo(first.Select(r => r.ToArray())), "same seed, same replacements");
            Assert.That(Replace(8).Select(r => r.ToArray()), Is.Not.EqualTo(first.Select(r => r.ToArray())), "another seed, other replacements");
            Assert.That(first.SelectMany(r => r).Distinct().Count(), Is.GreaterThan(context.Length + 20), "draws spread over each tag's ids");
        });
    }
}
