namespace Harness.Models.Chat.Jinja;

/// <summary>
/// Parses the Jinja subset chat templates use into nodes. Statements: if/elif/else, for (tuple targets,
/// an `if` filter, else, loop.*), set (plain, namespace attribute, block), break/continue (the
/// loopcontrols extension transformers enables) and transformers' generation block (its body is kept).
/// Expressions follow Jinja2 3.1's precedence: conditional, or, and, not, comparisons and `in`, + -, ~,
/// * / // %, ** , unary +/-, then postfix attribute/subscript/slice/call, filters and `is` tests. Anything
/// else (macros, call blocks, includes, raw blocks...) fails naming the construct and its line.
/// </summary>
internal sealed class JinjaParser
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "macro", "call", "filter", "include", "import", "from", "extends", "block", "raw", "with", "autoescape", "do", "trans",
    };

    private readonly List<TemplatePiece> pieces;
    private int index;

    private JinjaParser(List<TemplatePiece> pieces) => this.pieces = pieces;

    public static IReadOnlyList<Node> Parse(string source)
    {
        var parser = new JinjaParser(JinjaLexer.Split(source));
        var body = parser.ParseBody(out var end);
        if (end is not null) throw new JinjaException(end.Value.Line, $"unexpected '{{% {end.Value.Keyword} %}}' outside the block it closes");
        return body;
    }

    /// <summary>Parses nodes until a statement this level does not own (its keyword and tokens come back in <paramref name="end"/>).</summary>
    private List<Node> ParseBody(out (string Keyword, List<ExpressionToken> Tokens, int Line)? end)
    {
        var nodes = new List<Node>();
        while (index < pieces.Count)
        {
            var piece = pieces[index++];
            switch (piece.Kind)
            {
                case TemplatePieceKind.Text:
                    nodes.Add(new TextNode(piece.Line, piece.Text));
                    break;
                case TemplatePieceKind.Output:
                    var tokens = ExpressionTokenizer.Tokenize(piece.Text, piece.Line);
                    var reader = new ExpressionReader(tokens, piece.Line);
                    nodes.Add(new OutputNode(piece.Line, reader.ParseExpression()));
                    reader.ExpectEnd();
                    break;
                default:
                    var statement = ExpressionTokenizer.Tokenize(piece.Text, piece.Line);
                    if (statement[0].Kind != ExpressionTokenKind.Name) throw new JinjaException(piece.Line, "a statement tag must start with a keyword");
                    var keyword = statement[0].Text;
                    var node = ParseStatement(keyword, statement, piece.Line);
                    if (node is null)
                    {
                        end = (keyword, statement, piece.Line);
                        return nodes;
                    }
                    nodes.Add(node);
                    break;
            }
        }
        end = null;
        return nodes;
    }

    private Node? ParseStatement(string keyword, List<ExpressionToken> tokens, int line)
    {
        var reader = new ExpressionReader(tokens, line, start: 1);
        switch (keyword)
        {
            case "if": return ParseIf(reader, line);
            case "for": return ParseFor(reader, line);
            case "set": return ParseSet(reader, line);
            case "break" or "continue":
                reader.ExpectEnd();
                return new LoopControlNode(line, keyword == "break");
            case "generation":
                reader.ExpectEnd();
                var body = ParseBody(out var end);
                Expect(end, line, "generation", "endgeneration");
                return new IfNode(line, [(new Literal(line, true), body)], []);
            case "elif" or "else" or "endif" or "endfor" or "endset" or "endgeneration":
                return null;
            default:
                throw new JinjaException(line, Unsupported.Contains(keyword)
                    ? $"'{{% {keyword} %}}' is not supported by the harness's Jinja subset (supported: if, for, set, break, continue, generation)"
                    : $"unknown statement '{{% {keyword} %}}'");
        }
    }

    private IfNode ParseIf(ExpressionReader reader, int line)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        var condition = reader.ParseExpression();
        reader.ExpectEnd();
        while (true)
        {
            var body = ParseBody(out var end);
            branches.Add((condition, body));
            if (end is null) throw new JinjaException(line, "'{% if %}' is never closed with '{% endif %}'");
            var (keyword, tokens, endLine) = end.Value;
            if (keyword == "elif")
            {
                var next = new ExpressionReader(tokens, endLine, start: 1);
                condition = next.ParseExpression();
                next.ExpectEnd();
                continue;
            }
            if (keyword == "else")
            {
                new ExpressionReader(tokens, endLine, start: 1).ExpectEnd();
                var otherwise = ParseBody(out var close);
                Expect(close, line, "if", "endif");
                return new IfNode(line, branches, otherwise);
            }
            if (keyword != "endif") throw new JinjaException(endLine, $"'{{% {keyword} %}}' inside '{{% if %}}'; expected elif, else or endif");
            return new IfNode(line, branches, []);
        }
    }

    private ForNode ParseFor(ExpressionReader reader, int line)
    {
        var targets = new List<string> { reader.ExpectName() };
        while (reader.TryOperator(",")) targets.Add(reader.ExpectName());
        reader.ExpectKeyword("in");
        var iterable = reader.ParseOr(allowConditional: false);
        Expr? filter = null;
        if (reader.TryKeyword("if")) filter = reader.ParseOr(allowConditional: false);
        if (reader.TryKeyword("recursive")) throw new JinjaException(line, "recursive for loops are not supported by the harness's Jinja subset");
        reader.ExpectEnd();
        var body = ParseBody(out var end);
        IReadOnlyList<Node> otherwise = [];
        if (end is { Keyword: "else" })
        {
            otherwise = ParseBody(out end);
        }
        Expect(end, line, "for", "endfor");
        return new ForNode(line, targets, iterable, filter, body, otherwise);
    }

    private SetNode ParseSet(ExpressionReader reader, int line)
    {
        var target = reader.ExpectName();
        string? attribute = null;
        if (reader.TryOperator(".")) attribute = reader.ExpectName();
        if (reader.TryOperator(",")) throw new JinjaException(line, "tuple assignment in '{% set %}' is not supported by the harness's Jinja subset");
        if (reader.AtEnd)
        {
            var body = ParseBody(out var end);
            Expect(end, line, "set", "endset");
            return new SetNode(line, target, attribute, null, body);
        }
        reader.ExpectOperator("=");
        var value = reader.ParseExpression();
        reader.ExpectEnd();
        return new SetNode(line, target, attribute, value, null);
    }

    private static void Expect((string Keyword, List<ExpressionToken> Tokens, int Line)? end, int line, string opener, string closer)
    {
        if (end is null) throw new JinjaException(line, $"'{{% {opener} %}}' is never closed with '{{% {closer} %}}'");
        if (end.Value.Keyword != closer) throw new JinjaException(end.Value.Line, $"'{{% {end.Value.Keyword} %}}' inside '{{% {opener} %}}'; expected '{{% {closer} %}}'");
    }
}

/// <summary>Recursive-descent reader of one tag's expression tokens.</summary>
internal sealed class ExpressionReader(List<ExpressionToken> tokens, int line, int start = 0)
{
    private int position = start;

    private ExpressionToken Current => tokens[position];

    public bool AtEnd => Current.Kind == ExpressionTokenKind.End;

    public void ExpectEnd()
    {
        if (!AtEnd) throw new JinjaException(line, $"unexpected '{Current.Text}'");
    }

    public string ExpectName()
    {
        if (Current.Kind != ExpressionTokenKind.Name) throw new JinjaException(line, $"expected a name, found '{Current.Text}'");
        return tokens[position++].Text;
    }

    public void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword)) throw new JinjaException(line, $"expected '{keyword}', found '{Current.Text}'");
    }

    public bool TryKeyword(string keyword)
    {
        if (Current.Kind != ExpressionTokenKind.Name || Current.Text != keyword) return false;
        position++;
        return true;
    }

    public void ExpectOperator(string op)
    {
        if (!TryOperator(op)) throw new JinjaException(line, $"expected '{op}', found '{(AtEnd ? "end of tag" : Current.Text)}'");
    }

    public bool TryOperator(string op)
    {
        if (Current.Kind != ExpressionTokenKind.Operator || Current.Text != op) return false;
        position++;
        return true;
    }

    private bool IsKeyword(string keyword) => Current.Kind == ExpressionTokenKind.Name && Current.Text == keyword;

    public Expr ParseExpression() => ParseOr(allowConditional: true);

    public Expr ParseOr(bool allowConditional)
    {
        var left = ParseAnd();
        while (TryKeyword("or")) left = new Binary(line, "or", left, ParseAnd());
        if (allowConditional && TryKeyword("if"))
        {
            var condition = ParseOr(allowConditional: false);
            Expr? otherwise = TryKeyword("else") ? ParseOr(allowConditional: true) : null;
            return new Conditional(line, condition, left, otherwise);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and")) left = new Binary(line, "and", left, ParseNot());
        return left;
    }

    private Expr ParseNot() => TryKeyword("not") ? new Unary(line, "not", ParseNot()) : ParseCompare();

    private Expr ParseCompare()
    {
        var left = ParseAdditive();
        while (true)
        {
            if (Current.Kind == ExpressionTokenKind.Operator && Current.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                var op = tokens[position++].Text;
                left = new Binary(line, op, left, ParseAdditive());
            }
            else if (TryKeyword("in")) left = new Binary(line, "in", left, ParseAdditive());
            else if (IsKeyword("not") && tokens[position + 1] is { Kind: ExpressionTokenKind.Name, Text: "in" })
            {
                position += 2;
                left = new Binary(line, "not in", left, ParseAdditive());
            }
            else return left;
        }
    }

    private Expr ParseAdditive()
    {
        var left = ParseConcat();
        while (Current.Kind == ExpressionTokenKind.Operator && Current.Text is "+" or "-")
        {
            var op = tokens[position++].Text;
            left = new Binary(line, op, left, ParseConcat());
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMultiplicative();
        while (TryOperator("~")) left = new Binary(line, "~", left, ParseMultiplicative());
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (Current.Kind == ExpressionTokenKind.Operator && Current.Text is "*" or "/" or "//" or "%")
        {
            var op = tokens[position++].Text;
            left = new Binary(line, op, left, ParsePower());
        }
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary(withFilter: true);
        while (TryOperator("**")) left = new Binary(line, "**", left, ParseUnary(withFilter: true));
        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        Expr node;
        if (TryOperator("-")) node = new Unary(line, "-", ParseUnary(withFilter: false));
        else if (TryOperator("+")) node = new Unary(line, "+", ParseUnary(withFilter: false));
        else node = ParsePostfix(ParsePrimary());
        return withFilter ? ParseFilterChain(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case ExpressionTokenKind.String:
                position++;
                var text = (string)token.Value!;
                while (Current.Kind == ExpressionTokenKind.String) text += (string)tokens[position++].Value!; // adjacent literals join
                return new Literal(line, text);
            case ExpressionTokenKind.Integer or ExpressionTokenKind.Float:
                position++;
                return new Literal(line, token.Value);
            case ExpressionTokenKind.Name:
                position++;
                return token.Text switch
                {
                    "true" or "True" => new Literal(line, true),
                    "false" or "False" => new Literal(line, false),
                    "none" or "None" => new Literal(line, null),
                    _ => new Name(line, token.Text),
                };
            case ExpressionTokenKind.Operator when token.Text == "(":
                position++;
                if (TryOperator(")")) return new ListExpr(line, [], IsTuple: true);
                var inner = ParseExpression();
                if (TryOperator(")")) return inner;
                ExpectOperator(",");
                var members = new List<Expr> { inner };
                while (!TryOperator(")"))
                {
                    members.Add(ParseExpression());
                    if (!TryOperator(",")) { ExpectOperator(")"); break; }
                }
                return new ListExpr(line, members, IsTuple: true);
            case ExpressionTokenKind.Operator when token.Text == "[":
                position++;
                var items = new List<Expr>();
                while (!TryOperator("]"))
                {
                    items.Add(ParseExpression());
                    if (!TryOperator(",")) { ExpectOperator("]"); break; }
                }
                return new ListExpr(line, items);
            case ExpressionTokenKind.Operator when token.Text == "{":
                position++;
                var entries = new List<(Expr, Expr)>();
                while (!TryOperator("}"))
                {
                    var key = ParseExpression();
                    ExpectOperator(":");
                    entries.Add((key, ParseExpression()));
                    if (!TryOperator(",")) { ExpectOperator("}"); break; }
                }
                return new DictExpr(line, entries);
            default:
                throw new JinjaException(line, AtEnd ? "an expression ends too early" : $"unexpected '{token.Text}'");
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            if (TryOperator("."))
            {
                if (Current.Kind == ExpressionTokenKind.Integer) node = new Subscript(line, node, new Literal(line, tokens[position++].Value));
                else node = new Attribute(line, node, ExpectName());
            }
            else if (TryOperator("[")) node = ParseSubscript(node);
            else if (Current is { Kind: ExpressionTokenKind.Operator, Text: "(" })
            {
                position++;
                var (arguments, keywords) = ParseArguments();
                node = new Call(line, node, arguments, keywords);
            }
            else return node;
        }
    }

    private Expr ParseSubscript(Expr target)
    {
        Expr? first = Current is { Kind: ExpressionTokenKind.Operator, Text: ":" } ? null : ParseExpression();
        if (TryOperator("]")) return new Subscript(line, target, first!);
        ExpectOperator(":");
        Expr? stop = Current is { Kind: ExpressionTokenKind.Operator, Text: ":" or "]" } ? null : ParseExpression();
        Expr? step = null;
        if (TryOperator(":") && Current is not { Kind: ExpressionTokenKind.Operator, Text: "]" }) step = ParseExpression();
        ExpectOperator("]");
        return new Slice(line, target, first, stop, step);
    }

    /// <summary>Arguments after an opening parenthesis, up to and including the closing one.</summary>
    private (List<Expr> Arguments, List<(string, Expr)> Keywords) ParseArguments()
    {
        var arguments = new List<Expr>();
        var keywords = new List<(string, Expr)>();
        while (!TryOperator(")"))
        {
            if (Current.Kind == ExpressionTokenKind.Name && tokens[position + 1] is { Kind: ExpressionTokenKind.Operator, Text: "=" })
            {
                var name = tokens[position].Text;
                position += 2;
                keywords.Add((name, ParseExpression()));
            }
            else
            {
                if (keywords.Count > 0) throw new JinjaException(line, "a positional argument follows a keyword argument");
                arguments.Add(ParseExpression());
            }
            if (!TryOperator(",")) { ExpectOperator(")"); break; }
        }
        return (arguments, keywords);
    }

    private Expr ParseFilterChain(Expr node)
    {
        while (true)
        {
            if (TryOperator("|"))
            {
                var name = ExpectName();
                List<Expr> arguments = [];
                List<(string, Expr)> keywords = [];
                if (TryOperator("(")) (arguments, keywords) = ParseArguments();
                node = new Filter(line, node, name, arguments, keywords);
            }
            else if (TryKeyword("is"))
            {
                var negated = TryKeyword("not");
                var name = ExpectName();
                List<Expr> arguments = [];
                if (TryOperator("(")) arguments = ParseArguments().Arguments;
                else if (Current.Kind is ExpressionTokenKind.String or ExpressionTokenKind.Integer or ExpressionTokenKind.Float
                         || (Current.Kind == ExpressionTokenKind.Name && Current.Text is not ("else" or "or" or "and" or "if" or "is" or "in" or "not")))
                    arguments = [ParsePostfix(ParsePrimary())]; // `is divisibleby 3`, `is sameas false`
                node = new Test(line, node, name, arguments, negated);
            }
            else if (Current is { Kind: ExpressionTokenKind.Operator, Text: "(" })
            {
                position++;
                var (arguments, keywords) = ParseArguments();
                node = new Call(line, node, arguments, keywords);
            }
            else return node;
        }
    }
}
