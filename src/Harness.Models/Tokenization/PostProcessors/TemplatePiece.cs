namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>One element of a template: a special token by name, or the input sequence (<c>$A</c>/<c>$B</c>), with its type id.</summary>
/// <param name="SpecialTokenName">The special token's name; null for the sequence.</param>
/// <param name="SequenceId">"A" or "B" for a sequence piece; null for a special token.</param>
/// <param name="TypeId">Type id given to the piece's tokens.</param>
internal sealed record TemplatePiece(string? SpecialTokenName, string? SequenceId, int TypeId);
