using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Models.Architectures.Gpt2;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Formats;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Training;

/// <summary>
/// Saves a tiny model in Hugging Face's layout: config.json (the config record plus the keys
/// save_pretrained writes: architectures, torch_dtype, dropouts set to 0 as trained),
/// model.safetensors (the module's state_dict under transformers' names, Conv1D weights as [in, out],
/// tied matrices once), tokenizer.json, and for the decoder generation_config.json.
/// </summary>
internal static class TinyModelFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteDecoder(string directory, Gpt2Model model)
    {
        Directory.CreateDirectory(directory);
        var config = JsonSerializer.SerializeToNode(model.Config)!.AsObject();
        config["architectures"] = new JsonArray("GPT2LMHeadModel");
        foreach (var dropout in new[] { "attn_pdrop", "embd_pdrop", "resid_pdrop", "summary_first_dropout" }) config[dropout] = 0.0;
        WriteCommon(directory, model, config, maskedLm: false);
        var generation = new JsonObject
        {
            ["bos_token_id"] = model.Config.BosTokenId,
            ["eos_token_id"] = model.Config.EosTokenId,
            ["pad_token_id"] = TinyVocabulary.PadId,
        };
        WriteJson(Path.Combine(directory, "generation_config.json"), generation);
    }

    public static void WriteMaskedLm(string directory, RobertaMaskedLm model)
    {
        Directory.CreateDirectory(directory);
        var config = JsonSerializer.SerializeToNode(model.Config)!.AsObject();
        config["architectures"] = new JsonArray("RobertaForMaskedLM");
        config["hidden_dropout_prob"] = 0.0;
        config["attention_probs_dropout_prob"] = 0.0;
        WriteCommon(directory, model, config, maskedLm: true);
    }

    private static void WriteCommon(string directory, Module model, JsonObject config, bool maskedLm)
    {
        config["torch_dtype"] = "float32";
        WriteJson(Path.Combine(directory, "config.json"), new JsonObject(config.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        using (var scope = torch.NewDisposeScope())
            SafeTensorsWriter.Write(Path.Combine(directory, "model.safetensors"), model.state_dict().ToList());
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), TinyTokenizerJson.Build(maskedLm) + "\n");
    }

    private static void WriteJson(string path, JsonNode node) => File.WriteAllText(path, node.ToJsonString(Indented) + "\n");
}
