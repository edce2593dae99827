using Harness.Torch;

namespace Harness.Models;

/// <summary>A forward pass's results; the tensors belong to the caller's dispose scope.</summary>
public sealed record ModelOutput(Tensor Logits, IReadOnlyList<Tensor>? Attentions, IReadOnlyList<Tensor>? HiddenStates);
