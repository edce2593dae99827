using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Every decoder fixture's shared checks (<see cref="CausalLmParityTests"/>: logits, attention,
/// hidden states, padded batches, capture points, greedy generation, the KV cache) with the model and its
/// inputs on the first GPU, against the same transformers values and tolerances as on the CPU. Where libtorch
/// sees no GPU they are skipped with that reason; `./run-all.sh gpu-check` runs them on a GPU.</summary>
[TestFixtureSource(nameof(Decoders))]
[Fast, NeedsGpu]
public sealed class GpuParityTests(string architecture) : CausalLmParityTests(architecture, Device.CUDA(0))
{
    public static IEnumerable<string> Decoders => ["gpt2", "gptj", "llama", "mistral", "opt", "opt_350m_style", "phi3", "qwen2"];
}
