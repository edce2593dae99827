using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Experiments.Planning;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness run FILE --devices cuda:0,cuda:1,...`: one node, several devices. The run is planned here (on the first
/// device), then one worker process per device runs shard i of N (`harness run FILE --shard i/N --device DEVICE_i` with
/// the same options), their progress lines are folded into one display, and the shards are merged at the end
/// (<see cref="ShardMerger"/>). Rerunning the command resumes every shard.
/// </summary>
internal static partial class DeviceWorkers
{
    public static IReadOnlyList<string> Parse(string list)
    {
        var devices = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (devices.Length == 0) throw new UsageException("--devices: expected a list such as cuda:0,cuda:1");
        foreach (var device in devices)
        {
            try
            {
                Harness.Torch.Device.Parse(device);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--devices: {e.Message}");
            }
        }

        return devices;
    }

    public static int Run(string file, IReadOnlyList<string> devices, string? output, bool force, ExperimentOverrides overrides)
    {
        var run = RunCommand.Prepare(file, output, overrides with { Placement = overrides.Placement with { Device = Harness.Torch.Device.Parse(devices[0]) } });
        var (plan, created) = Planner.Plan(run, new ConsoleRunObserver(null));
        PlanCommand.Print(plan, created, devices.Count);

        var progress = new Progress(devices.Count);
        var workers = devices.Select((device, i) =>
        {
            var arguments = new List<string> { "run", file, "--shard", new ShardId(i, devices.Count).ToString(), "--device", device };
            if (output is not null) arguments.AddRange(["--output", output]);
            if (force) arguments.Add("--force");
            arguments.AddRange(overrides.ToArgumentsWithoutDevice());
            return Worker.Start(device, arguments, line => progress.Line(i, device, line));
        }).ToList();

        foreach (var worker in workers) worker.Process.WaitForExit();
        progress.Finish();
        foreach (var worker in workers.Where(w => w.Process.ExitCode != 0))
            foreach (var line in worker.Errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Console.Error.WriteLine($"[{worker.Device}] {line}");

        var merged = MergeCommand.Print(ShardMerger.Merge(plan.RunFolder));
        var codes = workers.Select(w => w.Process.ExitCode).ToList();
        foreach (var worker in workers) worker.Process.Dispose();
        return codes.Contains(130) ? 130 : codes.FirstOrDefault(c => c is not (0 or 1)) is var bad and not 0 ? bad : Math.Max(merged, codes.Max());
    }

    /// <summary>A worker process (the same harness, as `dotnet harness.dll` or the published `harness`) with its standard
    /// output read line by line and its standard error kept.</summary>
    private sealed record Worker(string Device, Process Process, StringBuilder Errors)
    {
        public static Worker Start(string device, IReadOnlyList<string> arguments, Action<string> onLine)
        {
            var info = HarnessProcess.StartInfo(arguments);
            info.RedirectStandardOutput = info.RedirectStandardError = true;
            var process = Process.Start(info) ?? throw new IOException($"could not start a worker process for {device}");
            var worker = new Worker(device, process, new StringBuilder());
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null) onLine(e.Data);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (worker.Errors) worker.Errors.AppendLine(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }
    }

    /// <summary>The workers' progress as one display: each worker's "run ...: N cells, F finished before" and "[k/N] cell: ..."
    /// lines become one count over all shards, printed as "[K/T] DEVICE cell: ..." (a single bar on a terminal).</summary>
    private sealed partial class Progress(int workers)
    {
        private readonly (int Done, int Total)[] counts = new (int, int)[workers];
        private readonly Lock gate = new();

        public void Line(int worker, string device, string line)
        {
            lock (gate)
            {
                if (StartedLine().Match(line) is { Success: true } started)
                {
                    counts[worker] = (started.Groups[2].Success ? int.Parse(started.Groups[2].Value, CultureInfo.InvariantCulture) : 0,
                        int.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture));
                }
                else if (CellLine().Match(line) is { Success: true } cell)
                {
                    counts[worker] = (int.Parse(cell.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(cell.Groups[2].Value, CultureInfo.InvariantCulture));
                    Console.WriteLine($"  [{counts.Sum(c => c.Done)}/{counts.Sum(c => c.Total)}] {device} {cell.Groups[3].Value}");
                }
            }
        }

        public void Finish()
        {
            lock (gate) Console.WriteLine($"workers finished: {counts.Sum(c => c.Done)} of {counts.Sum(c => c.Total)} cells done");
        }

        [GeneratedRegex(@"^run \S+: (\d+) cells(?:, (\d+) finished before)?")]
        private static partial Regex StartedLine();

        [GeneratedRegex(@"^\s+\[(\d+)/(\d+)\] (.*)$")]
        private static partial Regex CellLine();
    }
}
