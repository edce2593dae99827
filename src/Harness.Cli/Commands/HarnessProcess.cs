using System.Diagnostics;

namespace Harness.Cli.Commands;

/// <summary>How to start this harness again as a child process: the published `harness` executable when that is what
/// runs, else `dotnet harness.dll` from this harness's folder (also when the command line runs inside a test host).</summary>
internal static class HarnessProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath;
        var apphost = self is not null && Path.GetFileNameWithoutExtension(self) == "harness";
        var info = new ProcessStartInfo(apphost ? self! : DotnetHost(self)) { UseShellExecute = false };
        if (!apphost) info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>The dotnet host running this process, else DOTNET_HOST_PATH's, else `dotnet` on the PATH.</summary>
    private static string DotnetHost(string? self) =>
        self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
