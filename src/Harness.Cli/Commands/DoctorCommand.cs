using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Harness.Torch;

namespace Harness.Cli.Commands;

/// <summary>`harness doctor`: the libtorch version, the BLAS actually loaded, intra-op threads,
/// CUDA availability and device names; exits 1 when the binding cannot be loaded.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var verbose = new Option<bool>("--verbose") { Description = "Also print libtorch's build configuration and parallel info." };
        var command = new Command("doctor", """
            Check the set-up: libtorch version, BLAS in use, threads, CUDA devices.

            Examples:
              harness doctor
              harness doctor --json
              HARNESS_NUM_THREADS=1 harness doctor
            """);
        command.Options.Add(json);
        command.Options.Add(verbose);
        command.SetAction(result => Run(result.GetValue(json), result.GetValue(verbose)));
        return command;
    }

    private static int Run(bool json, bool verbose)
    {
        DoctorReport report;
        try
        {
            report = Collect();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            Console.Error.WriteLine($"The libtorch binding could not be loaded: {e.Message}");
            Console.Error.WriteLine("Run the set-up first: ./run-all.sh setup (then dotnet build).");
            return 1;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, DoctorJson.Default.DoctorReport));
            return 0;
        }

        Console.WriteLine($"libtorch        {report.LibtorchVersion}");
        Console.WriteLine($"BLAS            {(report.BlasLibraries.Count == 0 ? "none loaded" : string.Join(", ", report.BlasLibraries))}");
        if (report.BlasLibraries.Count > 0 && !report.BlasLibraries.Any(b => b.Contains("openblas", StringComparison.OrdinalIgnoreCase) || b.Contains("mkl", StringComparison.OrdinalIgnoreCase)))
            Console.WriteLine("                warning: the reference BLAS is ~80x slower for float matmul; install libopenblas0-pthread (./run-all.sh setup)");
        Console.WriteLine($"threads         intra-op {report.IntraOpThreads}, inter-op {report.InterOpThreads}, CPUs {report.ProcessorCount}");
        Console.WriteLine($"CUDA            {(report.CudaAvailable ? $"available, driver {report.CudaDriver}" : "not available")}");
        for (var i = 0; i < report.CudaDevices.Count; i++)
            Console.WriteLine($"  cuda:{i}        {report.CudaDevices[i]}");
        Console.WriteLine($".NET            {report.Runtime} on {report.OperatingSystem}");
        Console.WriteLine($"shim            {report.ShimLibrary}");
        if (verbose)
        {
            Console.WriteLine();
            Console.WriteLine(report.ParallelInfo.TrimEnd());
            Console.WriteLine(torch.config.show().TrimEnd());
        }

        return 0;
    }

    private static DoctorReport Collect()
    {
        var cuda = torch.cuda.is_available();
        var devices = new List<string>();
        string? driver = null;
        if (cuda)
        {
            for (var i = 0; i < torch.cuda.device_count(); i++) devices.Add(torch.cuda.get_device_name(i));
            driver = torch.cuda.driver_version();
        }

        // A real operation, so that a broken BLAS or libtorch shows here rather than mid-experiment.
        using (var scope = torch.NewDisposeScope())
        {
            var product = torch.ones([4, 4], device: Device.CPU).matmul(torch.ones([4, 4], device: Device.CPU)).sum().ToDouble();
            if (product != 64) throw new InvalidOperationException($"libtorch computed a wrong matmul (sum {product}, expected 64)");
        }

        return new DoctorReport(
            torch.version,
            torch.config.loaded_blas(),
            torch.get_num_threads(),
            torch.get_num_interop_threads(),
            Environment.ProcessorCount,
            cuda,
            devices,
            driver,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            Path.Combine(AppContext.BaseDirectory, "libharness_torch.so"),
            torch.config.parallel_info());
    }
}
