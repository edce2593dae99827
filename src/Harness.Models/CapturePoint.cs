namespace Harness.Models;

/// <summary>Named places inside each layer whose activations a forward pass can hand back (values,
/// and through autograd their gradients), for Grad-ELLM, AT2 and probing.</summary>
public enum CapturePoint
{
    /// <summary>The residual stream entering the layer [B, T, D].</summary>
    ResidualInput,

    /// <summary>Queries per head after any rotary embedding [B, H, T, Dh].</summary>
    Query,

    /// <summary>Keys per head after any rotary embedding, cached positions included [B, H_kv, S, Dh].</summary>
    Key,

    /// <summary>Values per head, cached positions included [B, H_kv, S, Dh].</summary>
    Value,

    /// <summary>Each head's attention mixture sum_i a_{t,i} v_i before the heads are merged and projected by W_o
    /// [B, H, T, Dh] (grouped-query values expanded to the query heads); Grad-ELLM's z^h.</summary>
    HeadMixture,

    /// <summary>The attention sub-layer's output projection, before it joins the residual stream [B, T, D].</summary>
    AttentionOutput,

    /// <summary>The feed-forward sub-layer's output, before it joins the residual stream [B, T, D].</summary>
    MlpOutput,

    /// <summary>The residual stream leaving the layer [B, T, D].</summary>
    ResidualOutput,
}
