using System.Text;

namespace Harness.Models.Chat.Jinja;

/// <summary>One piece of a template: literal text, or the source of an output ({{ }}) or statement ({% %}) tag.</summary>
internal readonly record struct TemplatePiece(TemplatePieceKind Kind, string Text, int Line);

internal enum TemplatePieceKind { Text, Output, Statement }

/// <summary>
/// Splits a template into text and tags with the whitespace rules transformers compiles chat templates
/// with (chat_template_utils.py: ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)),
/// as Jinja2 3.1's lexer applies them: a `-` on a tag strips all whitespace on that side; lstrip_blocks
/// removes spaces and tabs between a line start and a statement or comment tag (not an output tag) unless
/// the tag opens with `+`; trim_blocks removes the first newline after a statement or comment tag unless it
/// closes with `+`; one trailing newline of the template is dropped (keep_trailing_newline=False).
/// Comments are dropped here.
/// </summary>
internal static class JinjaLexer
{
    public static List<TemplatePiece> Split(string source)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (source.EndsWith('\n')) source = source[..^1];

        var pieces = new List<TemplatePiece>();
        var position = 0;
        var lineStarting = true;
        var stripNextText = false;
        while (position <= source.Length)
        {
            var open = FindTagStart(source, position);
            var text = source[position..(open < 0 ? source.Length : open)];
            if (stripNextText) text = text.TrimStart(JinjaWhitespace);
            if (open < 0)
            {
                AddText(pieces, text, source, position);
                break;
            }

            var kind = source[open + 1];
            var sign = open + 2 < source.Length ? source[open + 2] : '\0';
            if (sign == '-') text = text.TrimEnd(JinjaWhitespace);
            else if (sign != '+' && kind != '{')
            {
                // lstrip_blocks: only whitespace between the last line start and the tag goes.
                var lineStart = text.LastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && lineStart < text.Length && text.AsSpan(lineStart).Trim(JinjaWhitespace).IsEmpty)
                    text = text[..lineStart];
            }
            AddText(pieces, text, source, position);

            var closer = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var bodyStart = open + 2 + (sign is '-' or '+' ? 1 : 0);
            var close = kind == '#' ? source.IndexOf(closer, bodyStart, StringComparison.Ordinal) : FindTagEnd(source, bodyStart, closer);
            var line = LineOf(source, open);
            if (close < 0) throw new JinjaException(line, $"'{source[open..(open + 2)]}' is never closed with '{closer}'");
            var rightSign = close > bodyStart && source[close - 1] is '-' or '+' ? source[close - 1] : '\0';
            var body = source[bodyStart..(rightSign == '\0' ? close : close - 1)];
            position = close + 2;
            stripNextText = rightSign == '-';
            if (kind != '{' && rightSign == '\0' && position < source.Length && source[position] == '\n') position++; // trim_blocks
            lineStarting = position > 0 && source[position - 1] == '\n';

            if (kind == '{') pieces.Add(new TemplatePiece(TemplatePieceKind.Output, body, line));
            else if (kind == '%') pieces.Add(new TemplatePiece(TemplatePieceKind.Statement, body, line));
            if (position >= source.Length) break;
        }
        return pieces;
    }

    private static readonly char[] JinjaWhitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    private static void AddText(List<TemplatePiece> pieces, string text, string source, int position)
    {
        if (text.Length > 0) pieces.Add(new TemplatePiece(TemplatePieceKind.Text, text, LineOf(source, position)));
    }

    private static int FindTagStart(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
            if (source[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    /// <summary>The closing delimiter of an output or statement tag, skipping string literals that contain it.</summary>
    private static int FindTagEnd(string source, int from, string closer)
    {
        for (var i = from; i + 1 < source.Length; i++)
        {
            var c = source[i];
            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < source.Length && source[end] != c) end += source[end] == '\\' ? 2 : 1;
                i = end;
                continue;
            }
            if (c == closer[0] && source[i + 1] == closer[1]) return i;
        }
        return -1;
    }

    internal static int LineOf(string source, int position)
    {
        var line = 1;
        for (var i = 0; i < position && i < source.Length; i++) if (source[i] == '\n') line++;
        return line;
    }
}

/// <summary>A token of a tag's expression language.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, object? Value = null);

internal enum ExpressionTokenKind { Name, String, Integer, Float, Operator, End }

/// <summary>Tokenizes the inside of one tag: names, string literals (with Python escapes), numbers, operators.</summary>
internal static class ExpressionTokenizer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    public static List<ExpressionToken> Tokenize(string text, int line)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Name, text[start..i]));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
                var isFloat = false;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    isFloat = true;
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    isFloat = true;
                    i++;
                    if (i < text.Length && text[i] is '+' or '-') i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                var literal = text[start..i].Replace("_", "", StringComparison.Ordinal);
                tokens.Add(isFloat
                    ? new ExpressionToken(ExpressionTokenKind.Float, literal, double.Parse(literal, System.Globalization.CultureInfo.InvariantCulture))
                    : new ExpressionToken(ExpressionTokenKind.Integer, literal, long.Parse(literal, System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            if (c is '\'' or '"')
            {
                var (value, end) = ReadString(text, i, line);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.String, text[i..end], value));
                i = end;
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                ?? throw new JinjaException(line, $"unexpected character '{c}'");
            tokens.Add(new ExpressionToken(ExpressionTokenKind.Operator, op));
            i += op.Length;
        }
        tokens.Add(new ExpressionToken(ExpressionTokenKind.End, ""));
        return tokens;
    }

    /// <summary>A string literal with Python's escapes, as Jinja reads them.</summary>
    private static (string Value, int End) ReadString(string text, int start, int line)
    {
        var quote = text[start];
        var value = new StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote) return (value.ToString(), i + 1);
            if (c != '\\' || i + 1 >= text.Length) { value.Append(c); continue; }
            var e = text[++i];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'v': value.Append('\v'); break;
                case '\\': case '\'': case '"': value.Append(e); break;
                case '\n': break;
                case 'x' or 'u' or 'U':
                    var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= text.Length) throw new JinjaException(line, "truncated escape in a string literal");
                    value.Append(char.ConvertFromUtf32(Convert.ToInt32(text.Substring(i + 1, digits), 16)));
                    i += digits;
                    break;
                default: value.Append('\\').Append(e); break;
            }
        }
        throw new JinjaException(line, "a string literal is never closed");
    }
}
