namespace Harness.Attribution.Methods;

/// <summary>How ReAGent proposes a replacement for a token (spec/attributors.md "ReAGent", step 2).</summary>
public enum ReAgentReplacer
{
    /// <summary>A masked LM predicts the masked token; a replacement is sampled from its top
    /// predictions (<see cref="MaskedLmReplacer"/>). The paper's default.</summary>
    Mlm,

    /// <summary>A uniformly random token of the attributed model's vocabulary (<see cref="UniformReplacer"/>).</summary>
    Uniform,

    /// <summary>A random vocabulary token with the same part-of-speech tag, each vocabulary entry tagged alone by
    /// nltk's tagger (<see cref="PosReplacer"/>, <see cref="PosTagMap"/>). The ReAGent code's runs and Inseq's default.</summary>
    Pos,
}
