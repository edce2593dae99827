using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// boolq: BoolQ dev as a yes/no classification prompt:
/// <code>
/// Passage: {title} -- {passage}
/// Question: {question}?
/// Reply yes or no.
/// Answer:
/// </code>
/// ("title -- passage" is how the source file wrote it; "?" is added because the file's questions
/// have none). Region is {passage}; Target " yes" or " no"; Label yes/no from `answer`; LabelSet [yes, no].
/// </summary>
internal sealed class BoolQReader : IDatasetReader
{
    public const string ReaderName = "boolq";

    public static readonly IReadOnlyList<string> LabelSet = ["yes", "no"];

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row =>
    {
        var question = row.String("question");
        var prompt = new PromptBuilder().Append("Passage: ").Append(row.String("title")).Append(" -- ");
        var region = prompt.AppendMarked(row.String("passage"));
        prompt.Append("\nQuestion: ").Append(question).Append(question.EndsWith('?') ? "" : "?").Append("\nReply yes or no.\nAnswer:");
        var label = row.Bool("answer") ? "yes" : "no";
        return new Example(row.String("id"), prompt.ToString())
        {
            Target = " " + label,
            Region = region,
            Label = label,
            LabelSet = LabelSet,
        };
    });
}
