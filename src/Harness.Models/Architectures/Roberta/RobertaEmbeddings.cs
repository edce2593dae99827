using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Roberta;

/// <summary>RoBERTa's embeddings: word + token type (always type 0) + learned position, then
/// LayerNorm. Positions count the non-pad tokens from pad_token_id + 1 (fairseq's convention), so a
/// pad token sits at position pad_token_id wherever it is.</summary>
internal sealed class RobertaEmbeddings : Module
{
    private readonly RobertaConfig config;
    private readonly Embedding words;
    private readonly Embedding positions;
    private readonly Embedding tokenTypes;
    private readonly LayerNorm norm;

    public RobertaEmbeddings(IWeightSource source, string name, RobertaConfig config)
    {
        this.config = config;
        words = RegisterModule("word_embeddings", new Embedding(source, name + ".word_embeddings", config.VocabSize, config.Hidden));
        positions = RegisterModule("position_embeddings", new Embedding(source, name + ".position_embeddings", config.MaxPositions, config.Hidden));
        tokenTypes = RegisterModule("token_type_embeddings", new Embedding(source, name + ".token_type_embeddings", config.TypeVocabSize, config.Hidden));
        norm = RegisterModule("LayerNorm", new LayerNorm(source, name + ".LayerNorm", config.Hidden, config.LayerNormEps));
    }

    /// <summary>The word embedding matrix [V, D] (the MLM decoder's weight when tied).</summary>
    public Tensor WordEmbeddings => words.Weight;

    public Tensor Embed(Tensor ids) => words.Forward(ids);

    /// <summary>[B, T, D] from ids [B, T] or input embeddings [B, T, D], positions [B, T] optional.</summary>
    public Tensor Forward(Tensor? ids, Tensor? inputsEmbeds, Tensor? positionIds)
    {
        var embeds = inputsEmbeds ?? words.Forward(ids!);                          // [B, T, D]
        var (b, t) = (embeds.size(0), embeds.size(1));
        positionIds ??= ids is not null
            ? PositionsFromIds(ids)
            // Source: create_position_ids_from_inputs_embeds: pad_token_id + 1 .. pad_token_id + T.
            : torch.arange(config.PadTokenId + 1, config.PadTokenId + 1 + t, device: embeds.device).unsqueeze(0).expand(b, t); // [B, T]
        // Source: RobertaEmbeddings.forward: (inputs_embeds + token_type) + position, in that order;
        // token_type_ids default to zeros, so every position adds row 0.
        var x = embeds.add(tokenTypes.Weight.select(0, 0)).add(positions.Forward(positionIds)); // [B, T, D]
        return norm.Forward(x);
    }

    /// <summary>Source: create_position_ids_from_input_ids: cumsum(ids != pad) * (ids != pad) + pad.</summary>
    private Tensor PositionsFromIds(Tensor ids)
    {
        var real = ids.ne(config.PadTokenId).to(ScalarType.Int64);                 // [B, T]
        return real.cumsum(1).mul(real).add(config.PadTokenId);                    // [B, T]
    }
}
