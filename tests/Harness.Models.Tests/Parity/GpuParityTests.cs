using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Every decoder fixture's shared checks (<see cref="CausalLmParityTests"/>: logits, attention,
/// hidden states, padded batches, capture points, greedy generation, the KV cache) with the model and its
/// inputs on the first GPU, against the same transformers values and tolerances as on the CPU. The fixture
/// source yields nothing where libtorch sees no GPU, so a CPU-only machine runs none of these and skips none;
/// `./run-all.sh gpu-check` runs them on a GPU.</summary>
[TestFixtureSource(nameof(Decoders))]
public sealed class GpuParityTests(string architecture) : CausalLmParityTests(architecture, Device.CUDA(0))
{
    public static IEnumerable<string> Decoders =>
        torch.cuda.is_available() ? ["gpt2", "gptj", "llama", "mistral", "opt", "opt_350m_style", "phi3", "qwen2"] : [];
}
