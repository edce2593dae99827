using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Layers;

/// <summary>A lookup table of row vectors (nn.Embedding).</summary>
internal sealed class Embedding : Module
{
    public Embedding(IWeightSource source, string name, long count, long dimension)
    {
        Weight = RegisterParameter("weight", source.Take(name + ".weight", [count, dimension], WeightInit.Normal));
    }

    public Tensor Weight { get; }

    public Tensor Forward(Tensor ids) => F.embedding(ids, Weight);
}
