using System.Text;

namespace Marsad.Extraction.Places;

/// <summary>Opens the entity and gazetteer data files embedded from <c>Data/</c>.</summary>
internal static class PlaceData
{
    public static StreamReader Open(string fileName)
    {
        var asm = typeof(PlaceData).Assembly;
        var stream = asm.GetManifestResourceStream("Marsad.Extraction.Data." + fileName)
            ?? throw new InvalidOperationException($"embedded data file '{fileName}' is missing from {asm.GetName().Name}");
        return new StreamReader(stream, Encoding.UTF8);
    }
}
