namespace Harness.Torch.NN;

/// <summary>
/// A part of a network that owns parameters and sub-modules (torch.nn.Module, reduced to what
/// inference, attribution and small-scale training need). Children and parameters are registered
/// explicitly in the constructor under their state-dict names; Dispose frees them all, so no
/// module writes its own Dispose.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> ownParameters = [];
    private readonly List<(string Name, Module Module)> children = [];
    private bool disposed;

    /// <summary>Takes ownership of <paramref name="parameter"/> (out of any dispose scope).</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ownParameters.Add((name, parameter.DetachFromDisposeScope()));
        return parameter;
    }

    /// <summary>Registers <paramref name="module"/> as child <paramref name="name"/>: its parameters become this module's and it is
    /// disposed with it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        children.Add((name, module));
        return module;
    }

    /// <summary>Every parameter with its dotted state-dict name; a tensor shared by two modules
    /// (tied embeddings) appears once, under its first name.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> named_parameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (name, p) in NamedParametersWithDuplicates(""))
            if (seen.Add(p)) yield return (name, p);
    }

    /// <summary>Every parameter of this module and its children, in registration order.</summary>
    public IEnumerable<Tensor> parameters() => named_parameters().Select(p => p.Parameter);

    /// <summary>The parameters as a checkpoint stores them: the same names, each tensor in the
    /// layout its module saves it (see <see cref="ToCheckpointLayout"/>). New tensors where the
    /// layout differs, in the caller's dispose scope.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> state_dict()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (name, owner, local, p) in Walk(""))
            if (seen.Add(p)) yield return (name, owner.ToCheckpointLayout(local, p));
    }

    /// <summary>How this module's parameter <paramref name="name"/> is laid out in a checkpoint;
    /// a module that stores a parameter differently from how it computes with it overrides this.</summary>
    protected virtual Tensor ToCheckpointLayout(string name, Tensor parameter) => parameter;

    private IEnumerable<(string Name, Module Owner, string Local, Tensor Tensor)> Walk(string prefix)
    {
        foreach (var (name, p) in ownParameters) yield return (prefix + name, this, name, p);
        foreach (var (name, child) in children)
            foreach (var item in child.Walk(prefix + name + "."))
                yield return item;
    }

    /// <summary>Sets requires_grad on every parameter (training) or clears it (inference, attribution).</summary>
    public void requires_grad_(bool requiresGrad)
    {
        foreach (var p in parameters()) p.requires_grad = requiresGrad;
    }

    private IEnumerable<(string, Tensor)> NamedParametersWithDuplicates(string prefix) =>
        Walk(prefix).Select(w => (w.Name, w.Tensor));

    /// <summary>Frees every parameter, the children's included (a shared one once); a second call does nothing.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (_, p) in NamedParametersWithDuplicates(""))
            if (seen.Add(p)) p.Dispose();
        GC.SuppressFinalize(this);
    }
}
