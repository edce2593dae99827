using System.Diagnostics;
using Harness.Experiments.Store;

namespace Harness.Cli.Tests;

/// <summary>Experiments issue item 6: `harness run` killed with SIGKILL at random points, again and
/// again, and resumed each time ends with the store an uninterrupted run writes: every cell once,
/// the same scores and metric values bit for bit.</summary>
[TestFixture]
[Soak]
public sealed class KillAndResumeTests
{
    private const string Grid = """
        output: OUTPUT
        seeds: [SEEDS]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 3, seed: 4}
        attributors:
          - random
          - saliency
          - {name: integrated_gradients, options: {steps: 4}}
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics:
          - {name: lds, options: {masks: 8}}
          - soft_nc
          - aopc_comprehensiveness

        """;

    /// <summary>Enough cells (seeds x 4 attributors) that ten kills, each at most a few cells into its
    /// attempt, cannot use up the work.</summary>
    private const int Seeds = 24;
    private const int Cells = Seeds * 4;

    [Test]
    public void Ten_kills_at_random_points_then_resume_give_the_uninterrupted_store()
    {
        using var files = new ExperimentFiles();
        var grid = Grid.Replace("SEEDS", string.Join(", ", Enumerable.Range(0, Seeds)));
        var whole = files.Write(grid.Replace("OUTPUT", "whole"), "whole.yaml");
        var killed = files.Write(grid.Replace("OUTPUT", "killed"), "killed.yaml");
        var uninterrupted = CommandResult.Of("run", whole);
        Assert.That(uninterrupted.ExitCode, Is.EqualTo(0), uninterrupted.Error);

        var random = new Random(20261202);
        var kills = 0;
        var midRun = 0; // kills that found some cells committed and some not
        var store = Path.Combine(files.Folder, "killed", ResultStore.FileName);
        for (var attempt = 0; attempt < 40 && kills < 10; attempt++)
        {
            // Random points over the run's life. One attempt in three is killed at a random time in its
            // first 1.5 s (process start, model load, targets); the rest after a random 1-4 cells of this
            // attempt have reported, plus up to 100 ms (mid-cell, mid-commit). Counting cells rather than
            // waiting a random time keeps each attempt's progress small on a machine of any speed (a
            // time-based kill let an idle machine finish the run in four attempts).
            var cellsToSee = attempt % 3 == 0 ? 0 : random.Next(1, 5);
            var afterCells = random.Next(0, 100);
            var startupKill = random.Next(150, 1500);
            var reported = 0; // "  [k/N] ..." lines of this attempt: one per finished cell
            using var process = Start(killed, line =>
            {
                if (line.StartsWith("  [", StringComparison.Ordinal)) Interlocked.Increment(ref reported);
            });
            bool waited;
            if (cellsToSee == 0)
                waited = process.WaitForExit(TimeSpan.FromMilliseconds(startupKill));
            else
            {
                var clock = Stopwatch.StartNew();
                while (Volatile.Read(ref reported) < cellsToSee && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(5);
                waited = process.WaitForExit(TimeSpan.FromMilliseconds(afterCells));
            }

            if (waited)
            {
                // It finished before the kill: nothing is left to interrupt, and it must have succeeded.
                Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
                break;
            }
            process.Kill(entireProcessTree: true);                          // SIGKILL on Linux
            process.WaitForExit();
            kills++;
            if (File.Exists(store))
            {
                using var partial = ResultStore.Open(Path.GetDirectoryName(store)!);
                var cells = (long)partial.Query("SELECT COUNT(*) AS n FROM cells").Single()["n"]!;
                if (cells is > 0 and < Cells) midRun++;
            }
        }

        using (var finish = Start(killed))
        {
            Assert.That(finish.WaitForExit(TimeSpan.FromMinutes(5)), "the resumed run finishes");
            Assert.That(finish.ExitCode, Is.EqualTo(0), finish.StandardError.ReadToEnd());
        }

        Assert.That(kills, Is.GreaterThanOrEqualTo(10), "the run was killed at least ten times");
        Assert.That(midRun, Is.GreaterThanOrEqualTo(3), "several kills struck between committed cells");
        Assert.That(Snapshot(Path.Combine(files.Folder, "killed")), Is.EqualTo(Snapshot(Path.Combine(files.Folder, "whole"))));
    }

    private static Process Start(string experiment, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "harness.dll"), "run", experiment, "--resume" }) info.ArgumentList.Add(argument);
        // A killed runtime cannot remove its debugger pipes and diagnostic socket from the temporary directory; the child needs none.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        var process = Process.Start(info)!;
        // Drain the pipes so a chatty child never blocks on a full buffer.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) onLine?.Invoke(e.Data);
        };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Cells, scores and metric values without timings: what must not depend on interruptions.</summary>
    private static List<string> Snapshot(string folder)
    {
        using var store = ResultStore.Open(folder);
        var lines = store.Query("SELECT cell_id, status FROM cells ORDER BY cell_id").Select(r => $"{r["cell_id"]} {r["status"]}").ToList();
        lines.AddRange(store.Query("SELECT cell_id, example_id, step, scores FROM attributions ORDER BY cell_id, example_id, step")
            .Select(r => $"{r["cell_id"]} {r["example_id"]} {r["step"]} {Convert.ToHexString((byte[])r["scores"]!)}"));
        lines.AddRange(store.Query("SELECT cell_id, example_id, step, metric, value, parts_json FROM metric_values ORDER BY cell_id, example_id, step, metric")
            .Select(r => $"{r["cell_id"]} {r["example_id"]} {r["step"]} {r["metric"]} {(r["value"] is double v ? BitConverter.DoubleToInt64Bits(v) : "null")} {r["parts_json"]}"));
        return lines;
    }
}
