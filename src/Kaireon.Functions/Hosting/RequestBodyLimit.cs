using Microsoft.AspNetCore.Http.Features;

namespace Kaireon.Functions.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="ApiOptions.MaxRequestBodyBytes"/> with 413: at once when
/// Content-Length says so, and while reading for chunked bodies. Kestrel has its own limit; this one
/// also holds behind the Functions host and in tests, where Kestrel is not the server. It guards the
/// API only: invocation bodies (an Event Hubs batch) come from the host and must never be refused,
/// since the trigger checkpoints past a failed invocation.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ApiOptions> options)
{
    private readonly long _max = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _max)
            throw new BadHttpRequestException($"The request body is larger than {_max} bytes.", StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = _max;
        context.Request.Body = new LimitedStream(context.Request.Body, _max);
        return next(context);
    }

    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > max) throw new BadHttpRequestException($"The request body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
