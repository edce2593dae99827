namespace Harness.Models.Chat.Jinja;

/// <summary>Evaluates expressions with Python's operators as Jinja2 applies them.</summary>
internal static class JinjaEvaluator
{
    public static object? Evaluate(Expr expr, JinjaTemplate.Scope scope) => expr switch
    {
        Literal literal => literal.Value,
        Name name => scope.Get(name.Identifier),
        ListExpr { IsTuple: true } tuple => new PyTuple(tuple.Items.Select(item => Evaluate(item, scope))),
        ListExpr list => list.Items.Select(item => Evaluate(item, scope)).ToList(),
        DictExpr dict => DictOf(dict, scope),
        Attribute attribute => JinjaBuiltins.GetAttribute(Evaluate(attribute.Target, scope), attribute.Member, attribute.Line),
        Subscript subscript => JinjaBuiltins.GetItem(Evaluate(subscript.Target, scope), Evaluate(subscript.Index, scope), subscript.Line),
        Slice slice => JinjaBuiltins.SliceOf(Evaluate(slice.Target, scope), Optional(slice.Start, scope), Optional(slice.Stop, scope), Optional(slice.Step, scope), slice.Line),
        Call call => Invoke(call, scope),
        Filter filter => JinjaFilters.Apply(filter.FilterName, Evaluate(filter.Target, scope),
            filter.Arguments.Select(a => Evaluate(a, scope)).ToList(), Keywords(filter.Keywords, scope), filter.Line),
        Test test => JinjaPredicates.Apply(test.TestName, Evaluate(test.Target, scope), test.Arguments.Select(a => Evaluate(a, scope)).ToList(), test.Line) != test.Negated,
        Unary unary => UnaryOf(unary, scope),
        Binary binary => BinaryOf(binary, scope),
        Conditional conditional => PyValue.Truthy(Evaluate(conditional.Condition, scope))
            ? Evaluate(conditional.WhenTrue, scope)
            : conditional.WhenFalse is null ? new Undefined("else branch") : Evaluate(conditional.WhenFalse, scope),
        _ => throw new JinjaException(expr.Line, $"cannot evaluate {expr.GetType().Name}"),
    };

    private static object? Optional(Expr? expr, JinjaTemplate.Scope scope) => expr is null ? null : Evaluate(expr, scope);

    private static Dictionary<string, object?> DictOf(DictExpr dict, JinjaTemplate.Scope scope)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in dict.Entries)
        {
            if (Evaluate(key, scope) is not string name) throw new JinjaException(dict.Line, "dictionary keys must be strings in the harness's Jinja subset");
            result[name] = Evaluate(value, scope);
        }
        return result;
    }

    private static Dictionary<string, object?> Keywords(IReadOnlyList<(string Name, Expr Value)> keywords, JinjaTemplate.Scope scope) =>
        keywords.ToDictionary(k => k.Name, k => Evaluate(k.Value, scope), StringComparer.Ordinal);

    private static object? Invoke(Call call, JinjaTemplate.Scope scope)
    {
        var callee = Evaluate(call.Callee, scope);
        if (callee is not JinjaCallable function)
            throw new JinjaException(call.Line, callee is Undefined u ? $"'{u.Name}' is undefined and cannot be called" : $"{PyValue.TypeName(callee)} is not callable");
        var arguments = call.Arguments.Select(a => Evaluate(a, scope)).ToList();
        var keywords = Keywords(call.Keywords, scope);
        try
        {
            return function(arguments, keywords);
        }
        catch (ChatTemplateRaisedException raised) when (raised.Line == 0)
        {
            throw new ChatTemplateRaisedException(call.Line, raised.TemplateMessage);
        }
        catch (JinjaException error) when (error.Line == 0)
        {
            throw new JinjaException(call.Line, error.Message["line 0: ".Length..]);
        }
    }

    private static object? UnaryOf(Unary unary, JinjaTemplate.Scope scope)
    {
        var operand = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            "not" => !PyValue.Truthy(operand),
            "-" => operand switch
            {
                long i => (object)(-i), // object arms: a long/double switch would widen every arm to double
                double d => -d,
                bool b => b ? -1L : 0L,
                _ => throw new JinjaException(unary.Line, $"bad operand for unary -: {PyValue.TypeName(operand)}"),
            },
            _ => PyValue.IsNumber(operand) ? operand : throw new JinjaException(unary.Line, $"bad operand for unary +: {PyValue.TypeName(operand)}"),
        };
    }

    private static object? BinaryOf(Binary binary, JinjaTemplate.Scope scope)
    {
        if (binary.Operator == "and")
        {
            var left = Evaluate(binary.Left, scope);
            return PyValue.Truthy(left) ? Evaluate(binary.Right, scope) : left;
        }
        if (binary.Operator == "or")
        {
            var left = Evaluate(binary.Left, scope);
            return PyValue.Truthy(left) ? left : Evaluate(binary.Right, scope);
        }
        var a = Evaluate(binary.Left, scope);
        var b = Evaluate(binary.Right, scope);
        var line = binary.Line;
        return binary.Operator switch
        {
            "==" => PyValue.Equals(a, b),
            "!=" => !PyValue.Equals(a, b),
            "<" => PyValue.Compare(a, b, line) < 0,
            ">" => PyValue.Compare(a, b, line) > 0,
            "<=" => PyValue.Compare(a, b, line) <= 0,
            ">=" => PyValue.Compare(a, b, line) >= 0,
            "in" => JinjaBuiltins.Contains(b, a, line),
            "not in" => !JinjaBuiltins.Contains(b, a, line),
            "~" => PyValue.Str(a) + PyValue.Str(b),
            "+" => Add(a, b, line),
            _ => Arithmetic(binary.Operator, a, b, line),
        };
    }

    private static object? Add(object? a, object? b, int line)
    {
        Defined(a, line);
        Defined(b, line);
        return (a, b) switch
        {
            (string x, string y) => x + y,
            (List<object?> x, List<object?> y) => x.Concat(y).ToList(),
            _ when PyValue.IsNumber(a) && PyValue.IsNumber(b) => Arithmetic("+", a, b, line),
            _ => throw new JinjaException(line, $"unsupported operand types for +: {PyValue.TypeName(a)} and {PyValue.TypeName(b)}"),
        };
    }

    private static object? Arithmetic(string op, object? a, object? b, int line)
    {
        Defined(a, line);
        Defined(b, line);
        if (op == "*" && ((a is string && b is long) || (a is long && b is string)))
        {
            var (text, count) = a is string ? ((string)a, (long)b!) : ((string)b!, (long)a!);
            return count <= 0 ? "" : string.Concat(Enumerable.Repeat(text, (int)count));
        }
        if (op == "%" && a is string) throw new JinjaException(line, "string formatting with % is not supported by the harness's Jinja subset");
        if (!PyValue.IsNumber(a) || !PyValue.IsNumber(b))
            throw new JinjaException(line, $"unsupported operand types for {op}: {PyValue.TypeName(a)} and {PyValue.TypeName(b)}");
        if (a is not double && b is not double && op != "/")
        {
            var x = (long)PyValue.ToDouble(a);
            var y = (long)PyValue.ToDouble(b);
            if (y == 0 && op is "//" or "%") throw new JinjaException(line, "integer division or modulo by zero");
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "//" => FloorDiv(x, y),
                "%" => x - FloorDiv(x, y) * y,
                _ => y >= 0 ? (object)(long)Math.Pow(x, y) : Math.Pow(x, y),
            };
        }
        var p = PyValue.ToDouble(a);
        var q = PyValue.ToDouble(b);
        if (q == 0 && op is "/" or "//" or "%") throw new JinjaException(line, "division by zero");
        return op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => p / q,
            "//" => Math.Floor(p / q),
            "%" => p - Math.Floor(p / q) * q,
            _ => Math.Pow(p, q),
        };
    }

    private static long FloorDiv(long x, long y) => x / y - ((x % y != 0) && ((x < 0) ^ (y < 0)) ? 1 : 0);

    private static void Defined(object? value, int line)
    {
        if (value is Undefined u) throw new JinjaException(line, $"'{u.Name}' is undefined");
    }
}
