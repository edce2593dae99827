namespace Harness.Experiments.Store;

/// <summary>A result store of a schema version this code does not know (<see cref="StoreSchema.Latest"/>): written by a
/// newer harness, so neither read nor written here. Its message is one line naming the file; the CLI prints it with exit
/// code 1, as for any store it cannot use (an IOException).</summary>
public sealed class NewerStoreException(string message) : IOException(message);
