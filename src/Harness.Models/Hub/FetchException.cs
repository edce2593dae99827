using System.Net;

namespace Harness.Models.Hub;

/// <summary>A download that could not be done: the message is one line naming the file or repository and
/// what to do. An <see cref="IOException"/>, so the command line reports it as a failure (exit code 1).</summary>
public sealed class FetchException(string message, HttpStatusCode? status = null, Exception? inner = null) : IOException(message, inner)
{
    /// <summary>The HTTP status that refused the request, when one did.</summary>
    public HttpStatusCode? Status { get; } = status;
}
