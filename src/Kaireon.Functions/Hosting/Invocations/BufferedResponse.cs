using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// Stands in for the server's response while an envelope's inner request runs, so the status,
/// headers and body can be sent back as <c>Outputs.res</c> instead of on the wire.
/// </summary>
/// <remarks>
/// Never "started" until <see cref="CompleteAsync"/>: everything stays buffered, so an error after a
/// partial write can still replace the response. <c>OnStarting</c> callbacks run before the headers
/// are read; <c>OnCompleted</c> ones are handed to the real response.
/// </remarks>
internal sealed class BufferedResponse : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly StreamResponseBodyFeature _body;
    private readonly IHttpResponseFeature _outer;
    private readonly Stack<(Func<object, Task> Callback, object State)> _onStarting = new();
    private bool _started;

    private BufferedResponse(IHttpResponseFeature outer)
    {
        _outer = outer;
        _body = new StreamResponseBodyFeature(_buffer);
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public bool HasStarted => _started;

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body { get => _buffer; set => throw new NotSupportedException("Replace HttpResponse.Body instead."); }

    public Stream Stream => _body.Stream;
    public PipeWriter Writer => _body.Writer;

    /// <summary>The body written so far (complete after <see cref="CompleteAsync"/>).</summary>
    public byte[] WrittenBytes() => _buffer.ToArray();

    /// <summary>Runs <paramref name="next"/> against a buffered response and puts the real one back.</summary>
    public static async Task<BufferedResponse> CaptureAsync(HttpContext context, RequestDelegate next)
    {
        var features = context.Features;
        var outerResponse = features.GetRequiredFeature<IHttpResponseFeature>();
        var outerBody = features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffered = new BufferedResponse(outerResponse);
        features.Set<IHttpResponseFeature>(buffered);
        features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            await buffered.CompleteAsync();
            return buffered;
        }
        catch
        {
            buffered.Dispose();
            throw;
        }
        finally
        {
            features.Set(outerResponse);
            features.Set(outerBody);
        }
    }

    public void Dispose() => _buffer.Dispose();

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (_started)
            throw new InvalidOperationException("The response has already started.");
        _onStarting.Push((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _outer.OnCompleted(callback, state);

    public void DisableBuffering() { }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        _body.SendFileAsync(path, offset, count, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
            return;

        // Like the server: last registered runs first, and the response counts as started after them.
        while (_onStarting.TryPop(out var entry))
            await entry.Callback(entry.State);
        _started = true;
        await _body.StartAsync(cancellationToken);
    }

    public async Task CompleteAsync()
    {
        await StartAsync();
        await _body.CompleteAsync();
    }
}
