using System.Text;

namespace Harness.Models.Chat.Jinja;

/// <summary>
/// A parsed chat template of the Jinja subset transformers' chat templates use (see <see cref="JinjaParser"/>
/// for the statements and expressions, <see cref="JinjaBuiltins"/> for filters, tests, methods and globals).
/// Rendering follows Jinja2 3.1 as transformers 4.45.1 configures it: Python value semantics, undefined
/// values print as nothing, `set` inside a for loop is local to the iteration (hence `namespace`), and the
/// globals raise_exception and strftime_now and transformers' tojson filter.
/// </summary>
internal sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Node> body;

    private JinjaTemplate(IReadOnlyList<Node> body) => this.body = body;

    /// <summary>Parses a template; a syntax error or a construct outside the subset throws <see cref="JinjaException"/>.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JinjaTemplate(JinjaParser.Parse(source));
    }

    /// <summary>Renders with the given variables (strings, numbers, bools, null, lists and string-keyed dictionaries).</summary>
    public string Render(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var scope = new Scope(null);
        foreach (var (name, value) in JinjaBuiltins.Globals) scope.Set(name, value);
        foreach (var (name, value) in variables) scope.Set(name, PyValue.FromClr(value));
        var output = new StringBuilder();
        new Renderer(output).RenderNodes(body, scope);
        return output.ToString();
    }

    /// <summary>Variables of one frame; reads fall through to the enclosing frame, writes stay here.</summary>
    internal sealed class Scope(Scope? enclosing)
    {
        private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

        private Scope? Parent => enclosing;

        public object? Get(string name)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
                if (scope.values.TryGetValue(name, out var value)) return value;
            return new Undefined(name);
        }

        public void Set(string name, object? value) => values[name] = value;
    }

    private sealed class LoopControl(bool isBreak) : Exception
    {
        public bool IsBreak { get; } = isBreak;
    }

    private sealed class Renderer(StringBuilder output)
    {
        public void RenderNodes(IReadOnlyList<Node> nodes, Scope scope)
        {
            foreach (var node in nodes) RenderNode(node, scope);
        }

        private void RenderNode(Node node, Scope scope)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case OutputNode print:
                    output.Append(PyValue.Str(Evaluate(print.Value, scope)));
                    break;
                case IfNode branch:
                    foreach (var (condition, body) in branch.Branches)
                    {
                        if (!PyValue.Truthy(Evaluate(condition, scope))) continue;
                        RenderNodes(body, scope);
                        return;
                    }
                    RenderNodes(branch.Else, scope);
                    break;
                case ForNode loop:
                    RenderFor(loop, scope);
                    break;
                case SetNode set:
                    RenderSet(set, scope);
                    break;
                case LoopControlNode control:
                    throw new LoopControl(control.IsBreak);
            }
        }

        private void RenderFor(ForNode loop, Scope scope)
        {
            var items = JinjaBuiltins.Iterate(Evaluate(loop.Iterable, scope), loop.Line).ToList();
            if (loop.Filter is not null)
                items = items.Where(item => PyValue.Truthy(Evaluate(loop.Filter, Bind(loop, item, new Scope(scope))))).ToList();
            if (items.Count == 0)
            {
                RenderNodes(loop.Else, scope);
                return;
            }
            for (var i = 0; i < items.Count; i++)
            {
                var frame = Bind(loop, items[i], new Scope(scope));
                frame.Set("loop", LoopObject(items, i));
                try
                {
                    RenderNodes(loop.Body, frame);
                }
                catch (LoopControl control)
                {
                    if (control.IsBreak) break;
                }
            }
        }

        private static Scope Bind(ForNode loop, object? item, Scope frame)
        {
            if (loop.Targets.Count == 1)
            {
                frame.Set(loop.Targets[0], item);
                return frame;
            }
            var parts = JinjaBuiltins.Iterate(item, loop.Line).ToList();
            if (parts.Count != loop.Targets.Count)
                throw new JinjaException(loop.Line, $"cannot unpack {parts.Count} values into {loop.Targets.Count} loop variables");
            for (var i = 0; i < parts.Count; i++) frame.Set(loop.Targets[i], parts[i]);
            return frame;
        }

        private static Dictionary<string, object?> LoopObject(List<object?> items, int i) => new(StringComparer.Ordinal)
        {
            ["index"] = (long)(i + 1),
            ["index0"] = (long)i,
            ["revindex"] = (long)(items.Count - i),
            ["revindex0"] = (long)(items.Count - i - 1),
            ["first"] = i == 0,
            ["last"] = i == items.Count - 1,
            ["length"] = (long)items.Count,
            ["previtem"] = i > 0 ? items[i - 1] : new Undefined("loop.previtem"),
            ["nextitem"] = i + 1 < items.Count ? items[i + 1] : new Undefined("loop.nextitem"),
            // Jinja's loop helpers the subset lacks say so when called (the call fills in the line).
            ["cycle"] = (JinjaCallable)((_, _) => throw new JinjaException(0, "loop.cycle() is not supported by the harness's Jinja subset")),
            ["changed"] = (JinjaCallable)((_, _) => throw new JinjaException(0, "loop.changed() is not supported by the harness's Jinja subset")),
        };

        private static void RenderSet(SetNode set, Scope scope)
        {
            object? value;
            if (set.Body is not null)
            {
                var captured = new StringBuilder();
                new Renderer(captured).RenderNodes(set.Body, scope);
                value = captured.ToString();
            }
            else value = Evaluate(set.Value!, scope);

            if (set.Attribute is null)
            {
                scope.Set(set.Target, value);
                return;
            }
            if (scope.Get(set.Target) is not Namespace ns)
                throw new JinjaException(set.Line, $"'{set.Target}.{set.Attribute}' can be set only when '{set.Target}' is a namespace()");
            ns[set.Attribute] = value;
        }

        private static object? Evaluate(Expr expr, Scope scope) => JinjaEvaluator.Evaluate(expr, scope);
    }
}
