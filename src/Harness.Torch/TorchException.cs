using System.Runtime.InteropServices;
using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>An error raised inside libtorch (or the shim), with libtorch's message and the name of
/// the operation that raised it.</summary>
public sealed class TorchException : Exception
{
    /// <summary>The failure of native <paramref name="operation"/> with libtorch's <paramref name="nativeMessage"/>.</summary>
    public TorchException(string operation, string nativeMessage)
        : base($"{operation}: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>The operation's PyTorch name, e.g. "matmul".</summary>
    public string Operation { get; }

    /// <summary>libtorch's own message.</summary>
    public string NativeMessage { get; }

    /// <summary>Builds the exception from the shim's per-thread error of the call that just failed.</summary>
    internal static TorchException FromLastError(string operation)
    {
        var message = Marshal.PtrToStringUTF8(Hx.hx_last_error());
        return new TorchException(operation, string.IsNullOrEmpty(message) ? "failed without a message" : message.Trim());
    }
}
