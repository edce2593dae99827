using Harness.Models.Formats;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>Runs a command's body and turns expected failures into one clear line and an exit
/// code (2 for bad input, 1 for failures), never a stack trace.</summary>
internal static class CommandRunner
{
    /// <summary>Whether an unexpected failure prints its stack trace (the global --verbose option).</summary>
    public static bool Verbose { get; set; }

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Harness.Experiments.Yaml.ExperimentException e)
        {
            // Every problem of the file, one per line (file:line:column: message).
            foreach (var error in e.Errors) Console.Error.WriteLine($"error: {error}");
            return 2;
        }
        catch (Exception e) when (e is UsageException or Harness.Experiments.Planning.PlanMismatchException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ModelFormatException or DirectoryNotFoundException or FileNotFoundException or NotSupportedException
                                       or Harness.Models.Tokenization.TokenizerFormatException
                                       or ScoringException
                                       or Harness.Data.Examples.DatasetFormatException
                                       or Harness.Models.ContextLengthException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is Harness.Experiments.Running.MemoryBudgetException or UnauthorizedAccessException or IOException)
        {
            // A run that cannot fit; a store another run holds (RunLockedException); a file the system refuses.
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // A full disk (SQLITE_FULL) or a damaged store: the cell in flight was rolled back, earlier cells are kept.
            Console.Error.WriteLine($"error: the result store could not be written or read: {e.Message}; finished cells are kept (free space, then `harness run --resume`)");
            return 1;
        }
        catch (Harness.Torch.TorchException e)
        {
            Console.Error.WriteLine($"error in libtorch: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything unforeseen is a harness bug: one line saying so, the trace only when asked for.
            Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (a harness bug: rerun with --verbose and report it)");
            if (Verbose) Console.Error.WriteLine(e);
            return 1;
        }
    }
}
