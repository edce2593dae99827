using System.Text.RegularExpressions;

namespace Harness.Scoring;

/// <summary>
/// An attributor or metric added to its registry at run time (<c>AttributorRegistry.Register</c>,
/// <c>MetricRegistry.Register</c>): a program of your own registers its methods, then runs the harness
/// (docs/extending.md). The entry stays for the process; disposing the registration removes it again (tests).
/// </summary>
public sealed partial class Registration : IDisposable
{
    private Action? remove;

    internal Registration(Action remove) => this.remove = remove;

    /// <summary>Removes the entry from its registry; a second call does nothing.</summary>
    public void Dispose() => Interlocked.Exchange(ref remove, null)?.Invoke();

    /// <summary>Throws unless <paramref name="name"/> can be written in an experiment YAML and a cell id: lower-case
    /// letters, digits and underscores, starting with a letter.</summary>
    public static void CheckName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"{what} name '{name}': expected lower-case letters, digits and underscores, starting with a letter (e.g. first_token)", nameof(name));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}

/// <summary>The entries registered at run time beside a registry's built-in table, in registration order: a
/// copy-on-write array, so a run reading the registry never sees it change under it.</summary>
/// <param name="nameOf">An entry's YAML name.</param>
/// <param name="what">"an attributor", "a metric": for messages.</param>
public sealed class RegisteredEntries<T>(Func<T, string> nameOf, string what) where T : class
{
    private readonly Lock gate = new();
    private T[] entries = [];

    /// <summary>A snapshot of the registered entries, in registration order.</summary>
    public IReadOnlyList<T> Current => Volatile.Read(ref entries);

    /// <summary>Adds <paramref name="entry"/> under a valid name no built-in or registered entry has.</summary>
    public Registration Add(T entry, IEnumerable<string> builtInNames)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = nameOf(entry);
        Registration.CheckName(name, what);
        lock (gate)
        {
            if (builtInNames.Concat(entries.Select(nameOf)).Contains(name))
                throw new ArgumentException($"there is already {what} called '{name}'; register yours under another name", nameof(entry));
            Volatile.Write(ref entries, [.. entries, entry]);
        }

        return new Registration(() =>
        {
            lock (gate) Volatile.Write(ref entries, entries.Where(e => !ReferenceEquals(e, entry)).ToArray());
        });
    }
}
