using System.IO.Compression;
using System.Text;

namespace Marsad.Ingest.Tests;

/// <summary>A throwaway folder for one test class.</summary>
public class TempDir : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("marsad-readers-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string WriteText(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    protected string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    protected static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }
}
