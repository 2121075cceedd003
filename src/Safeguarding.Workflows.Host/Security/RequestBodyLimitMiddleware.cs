using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Safeguarding.Workflows.Host.Http;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// The request body limit (1 MiB unless the endpoint's <see cref="IRequestSizeLimitMetadata"/> says otherwise), kept
/// by the service itself so it holds behind any server: Kestrel keeps it too, the in-memory test server does not.
/// A declared <c>Content-Length</c> over the limit is a 413 problem before anything is read; a body without one is
/// cut off at the limit with the same 413.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : HttpConventions.DefaultMaxRequestBodyBytes;
        if (limit is not { } max)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > max)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The request is too large: at most {max} bytes here.", "body");
            return;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, max);
        }

        await next(context);
    }

    /// <summary>Reads through to the request body and fails with a 413 <see cref="BadHttpRequestException"/> past the limit.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            if (read > limit)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return n;
        }
    }
}
