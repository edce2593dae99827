namespace Harness.Attribution.Methods;

/// <summary>What input_x_gradient multiplies the gradient with (its option `multiplier`).</summary>
public enum InputMultiplier
{
    /// <summary>The token (word) embedding the gradient is taken at (Inseq, Captum). The default.</summary>
    Token,

    /// <summary>Token plus absolute position embedding, as ReAGent's `signed` rationalizer multiplies
    /// (src/rationalization/rationalizer/importance_score_evaluator/grad.py:48-51 and :91); rotary models have none to add.</summary>
    TokenAndPosition,

    /// <summary>What ReAGent's `signed` rationalizer computes, quirks included (grad.py:46-60): GPT-2 token + wpe; OPT
    /// token + embed_positions(position_ids), which transformers 4.45 reads as an attention mask, so the rows are those
    /// of positions cumsum(i) * i - 1 (modeling_opt.py:75-85); GPT-J the token embedding alone.</summary>
    Reagent,
}
