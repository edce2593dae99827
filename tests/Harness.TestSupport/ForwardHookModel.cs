using Harness.Models;
using Harness.Torch;

namespace Harness.TestSupport;

/// <summary>A model that calls <paramref name="beforeForward"/> with each forward pass's input before running it (to
/// record batch sizes or fail as an allocator would), and otherwise is <paramref name="inner"/>, which it does not own.</summary>
public sealed class ForwardHookModel(ILanguageModel inner, Action<ModelInput> beforeForward) : ILanguageModel
{
    public string ModelType => inner.ModelType;

    public long VocabSize => inner.VocabSize;

    public Device Device => inner.Device;

    public ScalarType DType => inner.DType;

    public ModelDimensions? Dimensions => inner.Dimensions;

    public Tensor Embed(Tensor ids) => inner.Embed(ids);

    public KvCache NewCache() => inner.NewCache();

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        beforeForward(input);
        return inner.Forward(input, options);
    }

    /// <summary>The rows of a forward pass's input.</summary>
    public static int Rows(ModelInput input) => (int)(input.InputIds ?? input.InputsEmbeds)!.size(0);

    public void Dispose()
    {
    }
}
