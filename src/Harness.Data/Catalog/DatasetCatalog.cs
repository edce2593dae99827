using Harness.Data.Readers;
using Harness.Data.Catalog.Conversions;

namespace Harness.Data.Catalog;

/// <summary>
/// Every dataset `source: NAME` can name and `harness fetch dataset NAME` can download: one table. Each
/// source is a public GitHub repository at the commit named in docs/datasets.md; sizes and SHA-256s were
/// computed from the files at those commits. A fetch converts them into the reader's JSONL, so a fetched set
/// holds every row of its source, while the test fixtures (read by tests only) hold about 80% of the same rows.
/// </summary>
public static class DatasetCatalog
{
    private const string ReAgent = "casszhao/ReAGent";
    private const string ReAgentCommit = "780977384e4cd9eb53c1093e04643aa0f89d7f81";
    private const string Vafa = "keyonvafa/sequential-rationales";
    private const string VafaCommit = "dbabedff1de781df0a532a24ce34f95b5e5ff772";
    private const string Wiki2Bio = "dcslin/wiki2bio";
    private const string Wiki2BioCommit = "561697e29a5f550ed420ec905b1b3b0027fae7d4";

    private static readonly GitHubFile VafaLicence = new("LICENSE", Vafa, VafaCommit, "LICENSE", 1067, "f7b726a17c3ad0edd0b88771a79df053f2c6cd291ee177e58f72a256b768db27");
    private static readonly GitHubFile ReAgentLicence = new("LICENSE", ReAgent, ReAgentCommit, "LICENSE", 1067, "f7b726a17c3ad0edd0b88771a79df053f2c6cd291ee177e58f72a256b768db27");

    /// <summary>Every dataset `harness fetch dataset` can download, with its pinned files, licence and conversion.</summary>
    public static readonly IReadOnlyList<DatasetSource> All =
    [
        new("longra", LongRaReader.ReaderName, "LongRA analogies (Vafa et al. 2021): 14 templates x the Google analogy pairs",
            [
                new GitHubFile("data_utils.py", Vafa, VafaCommit, "huggingface/data_utils.py", 6678, "df64415feac17c9e647a8216dcb86ea53485e0a0a307d24ae22b41539ecaebf6"),
                new GitHubFile("questions-words.txt", "tmikolov/word2vec", "20c129af10659f7c50e86e3be406df663beff438", "questions-words.txt", 603955, "8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36"),
            ],
            new DatasetLicence("MIT (the templates, (c) 2021 Keyon Vafa); Apache-2.0 (the Google analogy pairs, word2vec)",
                [VafaLicence, new GitHubFile("LICENSE-word2vec", "tmikolov/word2vec", "20c129af10659f7c50e86e3be406df663beff438", "LICENSE", 11358, "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30")]),
            LongRaConversion.Rows, 573)
        {
            Notes = "no `reagent_models` field (it comes from ReAGent's result files, not from the sources)",
        },
        new("reagent_annotated_lambada", AnnotatedLambadaReader.ReaderName, "LAMBADA passages with human rationales (Vafa et al. 2021)",
            [new GitHubFile("annotated_lambada.json", Vafa, VafaCommit, "annotated_lambada.json", 47173, "176d477fb07930833465cec1e57e869b6ec5bb9c35fc955da761bea6b0d6361a")],
            new DatasetLicence("MIT (the repository); the passages are LAMBADA (Paperno et al. 2016, CC BY 4.0), drawn from BookCorpus novels", [VafaLicence]),
            AnnotatedLambadaConversion.Rows, 107),
        new("reagent_tellmewhy2", TellMeWhyReader.ReaderName, "ReAGent's 20 TellMeWhy prompts (sequence level)",
            [new GitHubFile("tellmewhy2.txt", ReAgent, ReAgentCommit, "data/benchmark/tellmewhy2.txt", 4308, "288bf6dadde49363c7a1d559fdf3a89171abf9285f56e7cd3775627d52c93210")],
            new DatasetLicence("MIT (the repository); caveat: the narratives come from TellMeWhy, whose licence is \"unknown\", and ROCStories, distributed on request", [ReAgentLicence]),
            TellMeWhyConversion.Rows, 20),
        new("reagent_wikitext", WikiTextReader.ReaderName, "ReAGent's 22 WikiText-103 sentence openings (sequence level)",
            [new GitHubFile("wikitext.txt", ReAgent, ReAgentCommit, "data/benchmark/wikitext.txt", 1895, "b2034a1c76ad2c445d95287d551d8045100f1a56b655fbaf31b9f1d494980939")],
            new DatasetLicence("MIT (the repository); the text is from Wikipedia (CC BY-SA)", [ReAgentLicence]),
            WikiTextConversion.Rows, 22),
        new("wikibio", WikiBioReader.ReaderName, "WikiBio infoboxes and first sentences, the first 100 rows of each split (wiki2bio format)",
            WikiBioConversion.Splits.SelectMany(split => new[]
            {
                Wiki2BioFile($"{split}.box"), Wiki2BioFile($"{split}.summary"),
            }).ToList(),
            new DatasetLicence("CC BY-SA 3.0 (WikiBio's LICENSE.txt; Wikipedia content); the wiki2bio fork publishes no licence file of its own", []),
            WikiBioConversion.Rows, 300),
        new("sst2", Sst2Reader.ReaderName, "GLUE SST-2 dev, all 872 sentences",
            [new GitHubFile("dev.tsv", "TaoCesc/binary_cls", "6a73b09b39af0efe049622662211f3657c75a15e", "data/SST-2/dev.tsv", 94927, "46cc9126f5e3bf1634991d8eeed3a5e8dc81869622444af859729d720c58d815")],
            new DatasetLicence("Stanford Sentiment Treebank (Socher et al. 2013) in GLUE (Wang et al. 2019): no explicit licence (the Hugging Face card says \"unknown\"), " +
                               "widely redistributed for research; cite both papers. The mirror repository has no licence file", []),
            Sst2Conversion.Rows, 872),
        new("boolq", BoolQReader.ReaderName, "BoolQ dev (= SuperGLUE BoolQ validation), all 3270 questions",
            [new GitHubFile("validation.jsonl", "heddayam/kb-model-editing", "fcdc13f748f0a33190a5d73b703af470724c7a31", "data/boolq/validation.jsonl", 2314988, "1afa1df209c269dc8e60b31f4c1c2c091d3fa2ebff80be2dc396c64dad7dfda8")],
            new DatasetLicence("CC BY-SA 3.0 (google-research-datasets/boolean-questions README); the copy's repository has no licence file", []),
            BoolQConversion.Rows, 3270)
        {
            Notes = "the copy's preprocessing replaced { and } in passages with ( and ); braces cannot be recovered",
        },
        new("imdb", ImdbReader.ReaderName, "IMDB reviews: the first 1003 rows of Kaggle's 50K-review CSV",
            [new GitHubFile("IMDB Dataset.csv", "MamoonIrfan/DeveloperHub_Sentiment_Analysis", "d5df7f1fc2c67fba8e225c08167827c594e98d17", "IMDB Dataset.csv", 1330306, "2661fd246de5cd775f642fceb3fcc00da7f2d09bbc25fc08eefc7bce0981e522")],
            new DatasetLicence("Large Movie Review Dataset (Maas et al. 2011): no explicit licence; the authors ask users to cite the ACL 2011 paper; " +
                               "the reviews are user-written IMDb text: treat as research-only. The mirror repository has no licence file", []),
            ImdbConversion.Rows, 1003)
        {
            Notes = "the original aclImdb ids, ratings and train/test membership are not in the source",
        },
        new("hotpotqa", HotpotQaReader.ReaderName, "HotpotQA dev, distractor setting, the first 100 questions",
            [
                new GitHubFile("hotpot_dev_distractor_v1.json", "nakulbh/Meve-framework", "a83b659f7790e00217073720506d453bec192a35", "data/hotpot_dev_distractor_v1.json", 724770, "32ed3ffab548f1d57ba65365bd581d17b428980fa7be881ab0c45f79d9fe6827"),
                new GitHubFile("hotpot_dev_distractor_v1.truncated.json", "Rakin061/hotpot", "077eab2e2b7c8e81a7d7baaea8d22f4f13f9ad3f", "hotpot_dev_distractor_v1.json", 365099, "c93b6c16f74eb19be3f549d7f99dd6976f8acdf4da747ebf521e638ef42c06cd"),
            ],
            new DatasetLicence("CC BY-SA 4.0 (HotpotQA); the first copy's repository has no licence file", []),
            HotpotQaConversion.Rows, 100)
        {
            Notes = "the official `_id` is known for the first 53 questions (null after)",
        },
        new("tellmewhy", TellMeWhyReader.ReaderName, "TellMeWhy (StonyBrookNLP), complete", [],
            new DatasetLicence("\"unknown\" (its Hugging Face card); the narratives are ROCStories, distributed on request", []), null, 0)
        {
            Unavailable = "no copy of the complete TellMeWhy is published at a pinned revision the harness can check (its authors host it on Google Drive and the Hub); " +
                          "`reagent_tellmewhy2` has ReAGent's 20 prompts",
        },
    ];

    /// <summary>The catalog's dataset names, in catalog order.</summary>
    public static IReadOnlyList<string> Names => All.Select(s => s.Name).ToList();

    /// <summary>The source called <paramref name="name"/>, or null when the catalog has none.</summary>
    public static DatasetSource? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static GitHubFile Wiki2BioFile(string name) => name switch
    {
        "train.box" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/train.box", 96906, "a7821f0b2b15f8016c300345c79fe79af4c001f0776cb3e3bc59ae97349ef849"),
        "train.summary" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/train.summary", 15095, "1c83b3ef9a6459ff69958c70d291a6c6bb09d69a7d72bb1447b8f9f6db0f5d85"),
        "valid.box" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/valid.box", 92904, "59504ed73eca4285729998db5b117c395dbdd67a3fdc3adf7f362aa9e23b847d"),
        "valid.summary" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/valid.summary", 15231, "b910fd086f661e0d3239405c689f6e74276a02a97147a15fd8bf8ce7d5c05320"),
        "test.box" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/test.box", 91368, "a7783e3093a9ab596e6b4c8f134cc3f0a53a22921e4e1fc20f609fd5d2810b01"),
        "test.summary" => new(name, Wiki2Bio, Wiki2BioCommit, "original_data/test.summary", 13509, "c1c3d5aaa2e7f0afe0a8e41d87e3c4a9e8f74ee2f20cf9f04c2051bbaec2e0a6"),
        _ => throw new ArgumentException(name),
    };
}
