namespace Harness.Models.Chat.Jinja;

/// <summary>Expressions of the supported Jinja subset; each knows the template line it came from.</summary>
internal abstract record Expr(int Line);

internal sealed record Literal(int Line, object? Value) : Expr(Line);

internal sealed record Name(int Line, string Identifier) : Expr(Line);

/// <summary>A list literal, or a tuple literal when <paramref name="IsTuple"/> (`(a, b)`, printed with parentheses).</summary>
internal sealed record ListExpr(int Line, IReadOnlyList<Expr> Items, bool IsTuple = false) : Expr(Line);

internal sealed record DictExpr(int Line, IReadOnlyList<(Expr Key, Expr Value)> Entries) : Expr(Line);

internal sealed record Attribute(int Line, Expr Target, string Member) : Expr(Line);

internal sealed record Subscript(int Line, Expr Target, Expr Index) : Expr(Line);

internal sealed record Slice(int Line, Expr Target, Expr? Start, Expr? Stop, Expr? Step) : Expr(Line);

internal sealed record Call(int Line, Expr Callee, IReadOnlyList<Expr> Arguments, IReadOnlyList<(string Name, Expr Value)> Keywords) : Expr(Line);

internal sealed record Filter(int Line, Expr Target, string FilterName, IReadOnlyList<Expr> Arguments, IReadOnlyList<(string Name, Expr Value)> Keywords) : Expr(Line);

internal sealed record Test(int Line, Expr Target, string TestName, IReadOnlyList<Expr> Arguments, bool Negated) : Expr(Line);

internal sealed record Unary(int Line, string Operator, Expr Operand) : Expr(Line);

internal sealed record Binary(int Line, string Operator, Expr Left, Expr Right) : Expr(Line);

internal sealed record Conditional(int Line, Expr Condition, Expr WhenTrue, Expr? WhenFalse) : Expr(Line);

/// <summary>Statements: the body of a template is a list of these.</summary>
internal abstract record Node(int Line);

internal sealed record TextNode(int Line, string Text) : Node(Line);

internal sealed record OutputNode(int Line, Expr Value) : Node(Line);

internal sealed record IfNode(int Line, IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node> Else) : Node(Line);

internal sealed record ForNode(int Line, IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else) : Node(Line);

/// <summary>`set name = value`, `set ns.attr = value` (Namespace set), or the block form `set name %}...{% endset`.</summary>
internal sealed record SetNode(int Line, string Target, string? Attribute, Expr? Value, IReadOnlyList<Node>? Body) : Node(Line);

internal sealed record LoopControlNode(int Line, bool IsBreak) : Node(Line);
