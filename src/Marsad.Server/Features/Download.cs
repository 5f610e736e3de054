using System.Text;

namespace Marsad.Server.Features;

/// <summary>A response body written as text by the endpoint (CSV, JSON Lines), UTF-8, offered as a download.</summary>
internal static class Download
{
    public static IResult Text(string contentType, string fileName, Action<TextWriter> write) => new TextResult(contentType, fileName, write);

    private sealed class TextResult(string contentType, string fileName, Action<TextWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            // Written to memory first: the writers are synchronous, Kestrel's body stream is not.
            var buffer = new MemoryStream();
            await using (var w = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
                write(w);
            context.Response.ContentType = contentType;
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
