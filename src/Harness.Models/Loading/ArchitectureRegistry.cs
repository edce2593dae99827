using Harness.Models.Architectures.Gpt2;
using Harness.Models.Architectures.GptJ;
using Harness.Models.Architectures.Llama;
using Harness.Models.Architectures.Opt;
using Harness.Models.Architectures.Phi3;

namespace Harness.Models.Loading;

/// <summary>Every architecture the harness loads, by config.json's model_type: one explicit,
/// ordered table (no reflection, no registration by side effect).</summary>
internal static class ArchitectureRegistry
{
    public static readonly IReadOnlyList<ModelArchitecture> All =
    [
        new("gpt2", Gpt2Model.Load),
        new("opt", OptModel.Load),
        new("gptj", GptJModel.Load),
        new("llama", LlamaModel.Load),
        new("mistral", LlamaModel.Load),
        new("qwen2", LlamaModel.Load),
        new("phi3", Phi3Model.Load),
    ];

    public static ModelArchitecture? Find(string modelType) => All.FirstOrDefault(a => a.ModelType == modelType);
}
