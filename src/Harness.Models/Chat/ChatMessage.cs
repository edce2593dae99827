namespace Harness.Models.Chat;

/// <summary>One message of a conversation as transformers' apply_chat_template takes it: a role
/// ("system", "user", "assistant") and its text.</summary>
public sealed record ChatMessage(string Role, string Content);
