using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Globalization;

namespace Harness.Cli.Tests;

/// <summary>
/// A real single-node Slurm (Debian's slurm-wlm 22.05) started for one test in a temporary folder: munged with a
/// generated key and its own socket, slurmctld and slurmd on 127.0.0.1 at free ports, a minimal slurm.conf (process
/// tracking by /proc, no cgroups, no accounting) whose node has the machine's CPUs and four stand-in GPUs (device files
/// that are /dev/null, so scripts asking for `--gres=gpu:1` are scheduled as they would be on a GPU node). Clients find
/// it through <see cref="Environment"/> (SLURM_CONF). Dispose cancels its jobs and stops the three daemons by the pids
/// they wrote, whatever the test's outcome.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalSlurm : IDisposable
{
    /// <summary>The programs it needs, from the packages slurm-wlm and munge.</summary>
    public static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "sinfo", "scancel"];

    private readonly List<string> pidFiles = [];

    private LocalSlurm(string folder) => Folder = folder;

    public string Folder { get; }

    public string ConfPath => Path.Combine(Folder, "slurm.conf");

    /// <summary>The environment clients of this cluster need.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = ConfPath };

    /// <summary>The first of <see cref="Programs"/> not on the PATH, or null.</summary>
    public static string? MissingProgram() =>
        Programs.FirstOrDefault(p => (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/sbin", "/sbin"]).All(dir => !File.Exists(Path.Combine(dir, p))));

    /// <summary>Starts munged, slurmctld and slurmd and waits until the node is idle.</summary>
    public static LocalSlurm Start()
    {
        // Short: munged's socket path must fit a Unix socket address.
        var slurm = new LocalSlurm(Path.Combine(Path.GetTempPath(), $"slurm-{Guid.NewGuid():N}"[..18]));
        try
        {
            slurm.Configure();
            slurm.Daemon("munged", "munge/munged.pid", "--key-file", slurm.In("munge/munge.key"), "--socket", slurm.In("socket/munge.sock"),
                "--pid-file", slurm.In("munge/munged.pid"), "--log-file", slurm.In("munge/munged.log"), "--seed-file", slurm.In("munge/munged.seed"));
            slurm.Daemon("slurmctld", "slurmctld.pid", "-i");
            slurm.Daemon("slurmd", "slurmd.pid");
            slurm.WaitUntil(() => slurm.Run("sinfo", "-h", "-o", "%T").Trim() == "idle", TimeSpan.FromSeconds(60), "the node to become idle");
            return slurm;
        }
        catch
        {
            slurm.Dispose();
            throw;
        }
    }

    private string In(string relative) => Path.Combine(Folder, relative);

    private void Configure()
    {
        foreach (var dir in new[] { "munge", "socket", "state", "spool", "log", "jobs" }) Directory.CreateDirectory(In(dir));
        // munged insists on a private key file and a socket folder everyone may enter.
        File.SetUnixFileMode(In("munge"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                   | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Folder, open);
        File.SetUnixFileMode(In("socket"), open);
        File.WriteAllBytes(In("munge/munge.key"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(In("munge/munge.key"), UnixFileMode.UserRead);
        for (var i = 0; i < 4; i++) File.CreateSymbolicLink(In($"gpu{i}"), "/dev/null");

        var host = System.Environment.MachineName.Split('.')[0];
        var user = System.Environment.UserName;
        File.WriteAllText(ConfPath, $"""
            ClusterName=harnesstest
            SlurmctldHost={host}(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            AuthInfo=socket={In("socket/munge.sock")}
            CredType=cred/munge
            StateSaveLocation={In("state")}
            SlurmdSpoolDir={In("spool")}
            SlurmctldPidFile={In("slurmctld.pid")}
            SlurmdPidFile={In("slurmd.pid")}
            SlurmctldLogFile={In("log/slurmctld.log")}
            SlurmdLogFile={In("log/slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            SchedulerType=sched/builtin
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            ReturnToService=2
            MpiDefault=none
            MinJobAge=3600
            GresTypes=gpu
            NodeName={host} NodeAddr=127.0.0.1 CPUs={System.Environment.ProcessorCount} RealMemory=1000 Gres=gpu:4 State=UNKNOWN
            PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        File.WriteAllText(In("gres.conf"), $"AutoDetect=off\nNodeName={host} Name=gpu File={In("gpu")}[0-3]\n");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a daemon that forks into the background and writes its pid to <paramref name="pidFile"/>.</summary>
    private void Daemon(string program, string pidFile, params string[] arguments)
    {
        pidFiles.Insert(0, In(pidFile)); // stopped in reverse order: slurmd, slurmctld, munged
        var result = Execute(program, arguments, null, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0) throw new InvalidOperationException($"{program} did not start (exit {result.ExitCode}): {result.Error}{Logs()}");
        WaitUntil(() => File.Exists(In(pidFile)) && File.ReadAllText(In(pidFile)).Trim().Length > 0, TimeSpan.FromSeconds(20), $"{program}'s pid file");
    }

    /// <summary>Runs a client command of this cluster; its standard output, or an exception with its error and the daemons' logs.</summary>
    public string Run(string program, params string[] arguments)
    {
        var result = Execute(program, arguments, null, TimeSpan.FromMinutes(1));
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: exit {result.ExitCode}: {result.Error}");
    }

    /// <summary>Runs a program with this cluster's environment plus <paramref name="environment"/>.</summary>
    public (int ExitCode, string Output, string Error) Execute(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in Environment.Concat(environment ?? new Dictionary<string, string>())) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not end in {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Waits until none of the jobs is pending or running.</summary>
    public void WaitForJobs(IReadOnlyList<string> jobIds, TimeSpan timeout) =>
        WaitUntil(() => Run("squeue", "-h", "-j", string.Join(",", jobIds)).Trim().Length == 0, timeout, $"jobs {string.Join(", ", jobIds)} to end");

    /// <summary>"STATE exit" of every task of a finished job (one line per array task), from slurmctld's memory of it.</summary>
    public IReadOnlyList<string> States(string jobId) =>
        Run("scontrol", "-o", "show", "job", jobId).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => $"{Field(line, "JobState")} {Field(line, "ExitCode")}").ToList();

    private static string Field(string line, string name) =>
        line.Split(' ').FirstOrDefault(f => f.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "?";

    private void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (condition()) return;
            }
            catch (InvalidOperationException) when (clock.Elapsed < timeout)
            {
                // A client that cannot reach the controller yet.
            }

            if (clock.Elapsed > timeout) throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for {what}{Logs()}");
            Thread.Sleep(250);
        }
    }

    /// <summary>The end of each daemon's log, for a failure message.</summary>
    public string Logs() => string.Concat(new[] { "munge/munged.log", "log/slurmctld.log", "log/slurmd.log" }.Where(f => File.Exists(In(f)))
        .Select(f => $"\n--- {f}:\n{string.Join('\n', File.ReadLines(In(f)).TakeLast(15))}"));

    public void Dispose()
    {
        try
        {
            if (File.Exists(In("slurmctld.pid"))) Execute("scancel", ["--user", System.Environment.UserName], null, TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // The controller is gone already; stopping the daemons below still ends the jobs' steps.
        }

        foreach (var pidFile in pidFiles) Stop(pidFile);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A daemon still closing a file: leave the folder to the temp cleaner.
        }
    }

    /// <summary>SIGTERM to the pid in the file, SIGKILL after 10 s.</summary>
    private static void Stop(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid) || !Directory.Exists($"/proc/{pid}")) return;
        Signal("TERM", pid);
        var clock = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(100);
        if (Directory.Exists($"/proc/{pid}")) Signal("KILL", pid);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
