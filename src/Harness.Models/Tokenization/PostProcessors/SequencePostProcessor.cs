namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>Applies post-processors one after the other; tokenizer.json type <c>Sequence</c>.</summary>
internal sealed class SequencePostProcessor(IReadOnlyList<PostProcessor> processors) : PostProcessor
{
    /// <summary>The post-processors, in order.</summary>
    public IReadOnlyList<PostProcessor> Processors { get; } = processors ?? throw new ArgumentNullException(nameof(processors));

    /// <inheritdoc />
    public override Encoding Process(Encoding encoding, bool addSpecialTokens)
    {
        foreach (var processor in Processors) encoding = processor.Process(encoding, addSpecialTokens);
        return encoding;
    }
}
