using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Globalization;

namespace Harness.TestSupport;

/// <summary>One request as the server read it (GET and HEAD only; no bodies).</summary>
public sealed record LoopbackRequest(string Method, string Target, int Port, IReadOnlyDictionary<string, string> Headers)
{
    public string Path => Uri.UnescapeDataString(Target.Split('?')[0]);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A response; <see cref="CutAfter"/> sends only that many body bytes and then closes the connection.</summary>
public sealed record LoopbackResponse(int Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public int? CutAfter { get; init; }

    public static LoopbackResponse Text(int status, string text, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Encoding.UTF8.GetBytes(text), headers ?? new Dictionary<string, string>());

    /// <summary>The content, or the part a `Range: bytes=N-` header asks for (206), or 416 past its end.</summary>
    public static LoopbackResponse Content(LoopbackRequest request, byte[] content, Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        headers["Accept-Ranges"] = "bytes";
        if (request.Header("Range") is not { } range) return new LoopbackResponse(200, content, headers);
        var from = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        if (from >= content.Length) return new LoopbackResponse(416, [], new Dictionary<string, string> { ["Content-Range"] = $"bytes */{content.Length}" });
        headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
        return new LoopbackResponse(206, content[from..], headers);
    }
}

/// <summary>
/// A tiny HTTP/1.1 server on the loopback address for download tests: no network is needed, and a
/// response can be cut off mid-body. It listens on two free ports, <see cref="Url"/> and
/// <see cref="OtherOrigin"/>: two origins, so a redirect from one to the other is a cross-host redirect
/// (the Hub's 302 to its CDN). Every connection serves one request and is closed.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly Func<LoopbackRequest, LoopbackResponse> handler;
    private readonly TcpListener[] listeners;
    private readonly CancellationTokenSource stop = new();

    public LoopbackHttpServer(Func<LoopbackRequest, LoopbackResponse> handler)
    {
        this.handler = handler;
        listeners = [new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0)];
        foreach (var listener in listeners)
        {
            listener.Start();
            _ = Task.Run(() => Accept(listener), stop.Token);
        }
    }

    public Uri Url => Origin(0);

    public Uri OtherOrigin => Origin(1);

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    private Uri Origin(int i) => new($"http://127.0.0.1:{((IPEndPoint)listeners[i].LocalEndpoint).Port}/");

    private async Task Accept(TcpListener listener)
    {
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client, port), stop.Token);
        }
    }

    private void Serve(TcpClient client, int port)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                if (Read(stream, port) is not { } request) return;
                Requests.Enqueue(request);
                LoopbackResponse response;
                try
                {
                    response = handler(request);
                }
                catch (Exception e)
                {
                    response = LoopbackResponse.Text(500, e.ToString());
                }

                var head = new StringBuilder($"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
                foreach (var (name, value) in response.Headers) head.Append($"{name}: {value}\r\n");
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n");
                stream.Write(Encoding.ASCII.GetBytes(head.ToString()));
                if (request.Method != "HEAD") stream.Write(response.Body, 0, Math.Min(response.CutAfter ?? int.MaxValue, response.Body.Length));
                // A cut response ends here, short of its Content-Length: the client has every byte sent and then an
                // early end of stream (a graceful close, not a reset, which could discard bytes in flight and make
                // the resume offset vary from run to run).
                stream.Flush();
            }
            catch (IOException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private static LoopbackRequest? Read(NetworkStream stream, int port)
    {
        var bytes = new List<byte>();
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            var next = stream.ReadByte();
            if (next < 0) return null;
            bytes.Add((byte)next);
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new LoopbackRequest(parts[0], parts[1], port, headers);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 206 => "Partial Content", 302 => "Found", 400 => "Bad Request", 401 => "Unauthorized",
        404 => "Not Found", 416 => "Range Not Satisfiable", _ => "Status",
    };

    public void Dispose()
    {
        stop.Cancel();
        foreach (var listener in listeners) listener.Stop();
        stop.Dispose();
    }
}
