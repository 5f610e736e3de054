using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marsad.Server.Hosting;

/// <summary>
/// Response compression that compresses a body in one call when it is small enough to hold (every API
/// answer but the large downloads). A streaming encoder compresses each write the serializer hands it and
/// does not know the body's size: brotli at its fastest level took about 3× the CPU of one call over the
/// whole 13 KB of a search answer, and gave a larger result (5.2 KB against 4.4 KB). A body that grows
/// past <see cref="WholeBodyStream.Limit"/> switches to the streaming encoder, so a download is never held
/// in memory whole. Flushes are not passed on while the body is held (the answer is sent when it ends);
/// <see cref="ICompressionProvider.SupportsFlush"/> is false, so a response that turns buffering off
/// (a real-time stream) is sent uncompressed, as the middleware does for such providers.
/// </summary>
internal sealed class WholeBodyBrotliProvider : ICompressionProvider
{
    public string EncodingName => "br";

    public bool SupportsFlush => false;

    public Stream CreateStream(Stream outputStream) => new WholeBodyStream(outputStream, brotli: true);
}

/// <summary>gzip with the same one-call compression of bodies that fit (<see cref="WholeBodyBrotliProvider"/>).</summary>
internal sealed class WholeBodyGzipProvider : ICompressionProvider
{
    public string EncodingName => "gzip";

    public bool SupportsFlush => false;

    public Stream CreateStream(Stream outputStream) => new WholeBodyStream(outputStream, brotli: false);
}

/// <summary>Holds the body in a pooled buffer and compresses it at the end, or streams once it is past <see cref="Limit"/>.</summary>
internal sealed class WholeBodyStream(Stream output, bool brotli) : Stream
{
    /// <summary>Bodies up to this size are compressed in one call; larger ones stream.</summary>
    public const int Limit = 256 * 1024;

    // Brotli quality 1 (the level CompressionLevel.Fastest maps to) and its default window of 4 MB: the same
    // format settings as the streaming encoder used before.
    private const int BrotliQuality = 1;
    private const int BrotliWindow = 22;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;
    private Stream? _streaming;
    private bool _done;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_done;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_streaming is null && Hold(data)) return;
        if (_streaming is null)
        {
            StartStreaming();
            _streaming!.Write(_buffer.AsSpan(0, _length));
            ReturnBuffer();
        }
        _streaming!.Write(data);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_streaming is null && Hold(data.Span)) return ValueTask.CompletedTask;
        return _streaming is not null ? _streaming.WriteAsync(data, cancellationToken) : StartStreamingAsync(data, cancellationToken);
    }

    public override void Flush() => _streaming?.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _streaming?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Appends to the held body; false when it would pass the limit (the caller then streams).</summary>
    private bool Hold(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > Limit) return false;
        if (_length + data.Length > _buffer!.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Limit, Math.Max(_buffer.Length * 2, _length + data.Length)));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
        return true;
    }

    /// <summary>The body passed the limit: the streaming encoder takes what was held, then the rest.</summary>
    private async ValueTask StartStreamingAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        StartStreaming();
        await _streaming!.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        ReturnBuffer();
        await _streaming.WriteAsync(data, cancellationToken);
    }

    private void StartStreaming() => _streaming = brotli
        ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)
        : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);

    public override async ValueTask DisposeAsync()
    {
        if (_done) return;
        _done = true;
        try
        {
            if (_streaming is not null)
            {
                await _streaming.DisposeAsync();
                return;
            }
            var held = _buffer!.AsMemory(0, _length);
            if (brotli)
            {
                var packed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(_length));
                try
                {
                    if (!BrotliEncoder.TryCompress(held.Span, packed, out int written, BrotliQuality, BrotliWindow))
                        throw new InvalidOperationException("brotli: the compressed body did not fit its maximum length");
                    await output.WriteAsync(packed.AsMemory(0, written));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(packed);
                }
            }
            else
            {
                await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                await gzip.WriteAsync(held);
            }
        }
        finally
        {
            ReturnBuffer();
            await base.DisposeAsync();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            // The middleware disposes asynchronously; a synchronous dispose (a host that allows synchronous
            // I/O) does the same work blocking.
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _length = 0;
    }
}
