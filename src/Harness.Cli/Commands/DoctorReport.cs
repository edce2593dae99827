namespace Harness.Cli.Commands;

/// <summary>What `harness doctor` found about the machine and the libtorch the harness runs on.</summary>
internal sealed record DoctorReport(
    string LibtorchVersion,
    IReadOnlyList<string> BlasLibraries,
    int IntraOpThreads,
    int InterOpThreads,
    int ProcessorCount,
    bool CudaAvailable,
    IReadOnlyList<string> CudaDevices,
    string? CudaDriver,
    string Runtime,
    string OperatingSystem,
    string ShimLibrary,
    string ParallelInfo);
