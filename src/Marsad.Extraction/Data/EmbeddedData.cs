namespace Marsad.Extraction.Data;

/// <summary>The text of a data file embedded in this assembly (Data/<c>path</c>, e.g. <c>events/types.tsv</c>).</summary>
internal static class EmbeddedData
{
    public static string Read(string path)
    {
        string resource = "Marsad.Extraction.Data." + path.Replace('/', '.');
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource Data/{path} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The bytes of an optional embedded data file (a model the build may leave out), or null when it is not embedded.</summary>
    public static byte[]? TryReadBytes(string path)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream("Marsad.Extraction.Data." + path.Replace('/', '.'));
        if (stream is null) return null;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
