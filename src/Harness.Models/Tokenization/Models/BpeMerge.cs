namespace Harness.Models.Tokenization.Models;

/// <summary>One merge rule's rank (its line in the merges list: lower merges first) and the id of the merged token.</summary>
internal readonly record struct BpeMerge(int Rank, int NewId);
