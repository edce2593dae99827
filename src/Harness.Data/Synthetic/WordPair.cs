namespace Harness.Data.Synthetic;

/// <summary>An antecedent and the word it decides (Greece -> Athens in Vafa et al.'s analogies).</summary>
public readonly record struct WordPair(string Antecedent, string Target);
