namespace Harness.Models.Tokenization;

/// <summary>
/// A token added on top of the model vocabulary (tokenizer.json <c>added_tokens</c> entry). It is
/// matched in the text as one token whatever <c>add_special_tokens</c> is: in the raw text when
/// <see cref="Normalized"/> is false, in the normalized text otherwise.
/// </summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The token text.</param>
/// <param name="SingleWord">Only matched when not inside a word.</param>
/// <param name="LStrip">The match takes in the whitespace on its left.</param>
/// <param name="RStrip">The match takes in the whitespace on its right.</param>
/// <param name="Normalized">Matched against the normalized text (else the raw text).</param>
/// <param name="Special">A special token: skipped by <c>Decode(..., skipSpecialTokens: true)</c>.</param>
public sealed record AddedToken(int Id, string Content, bool SingleWord, bool LStrip, bool RStrip, bool Normalized, bool Special);
