using Harness.Models;
using Harness.Torch;

namespace Harness.Experiments.Tests;

/// <summary>A "language model" that predicts, after each token, the token the chain maps it to (token 0 for the rest): a
/// greedy generation continues the prompt's last token along the chain. With no links it serves items whose targets
/// need no forward pass (gold targets), for which only the vocabulary size is read.</summary>
public sealed class ChainModel(long vocabSize, IReadOnlyDictionary<long, long> next) : ILanguageModel
{
    public string ModelType => "llama";

    public long VocabSize => vocabSize;

    public Device Device => torch.CPU;

    public ScalarType DType => ScalarType.Float32;

    public Tensor Embed(Tensor ids) => throw new NotSupportedException("the chain reads token ids");

    public KvCache NewCache() => new(1);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        var ids = input.InputIds!;
        var (batch, length) = (ids.size(0), ids.size(1));
        var values = ids.cpu().ToArray<long>();
        var logits = new float[batch * length * vocabSize];
        for (var p = 0; p < batch * length; p++)
            logits[p * vocabSize + next.GetValueOrDefault(values[p], 0)] = 1;
        return new ModelOutput(torch.tensor(logits, [batch, length, vocabSize]), null, null);
    }

    public void Dispose()
    {
    }
}
