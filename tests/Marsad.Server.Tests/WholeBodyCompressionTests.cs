using System.IO.Compression;
using System.Text;
using Marsad.Server.Hosting;

namespace Marsad.Server.Tests;

/// <summary>The one-call response compression: every body, held whole or streamed past the limit, decompresses to itself.</summary>
public sealed class WholeBodyCompressionTests
{
    private static byte[] Body(int size)
    {
        // JSON-like Arabic text with some variety, so the encoder has real work (not one repeated byte)
        var sb = new StringBuilder();
        for (int i = 0; sb.Length < size; i++)
            sb.Append("{\"id\":").Append(i * 7919 % 100003).Append(",\"title\":\"اجتماع وزراء الخارجية العرب في القاهرة رقم ").Append(i).Append("\"},");
        return Encoding.UTF8.GetBytes(sb.ToString())[..size];
    }

    private static byte[] Inflate(byte[] packed, bool brotli)
    {
        using var input = new MemoryStream(packed);
        using Stream z = brotli ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 0)]
    [InlineData(true, 700)]
    [InlineData(false, 13_000)]
    [InlineData(true, 13_000)]
    [InlineData(true, WholeBodyStream.Limit)]
    [InlineData(false, WholeBodyStream.Limit + 1)]
    [InlineData(true, WholeBodyStream.Limit + 5_000)]
    [InlineData(true, 3 * WholeBodyStream.Limit + 17)]
    [InlineData(false, 3 * WholeBodyStream.Limit + 17)]
    public async Task Every_body_comes_back_as_written(bool brotli, int size)
    {
        var body = Body(size);
        using var sink = new MemoryStream();
        var provider = brotli ? (Microsoft.AspNetCore.ResponseCompression.ICompressionProvider)new WholeBodyBrotliProvider() : new WholeBodyGzipProvider();
        Assert.Equal(brotli ? "br" : "gzip", provider.EncodingName);
        await using (var z = provider.CreateStream(sink))
        {
            // chunks of the sizes a serializer hands over, a flush between some of them
            int at = 0, chunk = 1;
            while (at < body.Length)
            {
                int n = Math.Min(chunk, body.Length - at);
                if (chunk % 3 == 0) z.Write(body, at, n);
                else await z.WriteAsync(body.AsMemory(at, n));
                at += n;
                chunk = chunk * 5 % 40_961 + 1;
                if (chunk % 4 == 0) await z.FlushAsync();
            }
            // held bodies are sent at the end, streamed ones as they go
            if (size <= WholeBodyStream.Limit) Assert.Equal(0, sink.Length);
        }
        // an empty body: gzip writes nothing, as GZipStream does when nothing was written
        Assert.True(sink.Length > 0 || (size == 0 && !brotli));
        Assert.Equal(body, Inflate(sink.ToArray(), brotli));
    }

    [Fact]
    public async Task A_held_body_is_compressed_smaller_than_the_streaming_encoder_made_it()
    {
        var body = Body(13_000);
        using var whole = new MemoryStream();
        await using (var z = new WholeBodyBrotliProvider().CreateStream(whole))
            for (int at = 0; at < body.Length; at += 1024) await z.WriteAsync(body.AsMemory(at, Math.Min(1024, body.Length - at)));
        using var streamed = new MemoryStream();
        await using (var z = new BrotliStream(streamed, CompressionLevel.Fastest, leaveOpen: true))
            for (int at = 0; at < body.Length; at += 1024) await z.WriteAsync(body.AsMemory(at, Math.Min(1024, body.Length - at)));
        Assert.True(whole.Length <= streamed.Length, $"one call {whole.Length} bytes, streamed {streamed.Length}");
    }
}
