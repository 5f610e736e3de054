using Marsad.Analysis;
using Marsad.Store;

namespace Marsad.Store.Tests;

/// <summary>A throwaway archive folder, deleted afterwards.</summary>
public class TempArchive : IDisposable
{
    protected string DataDir { get; } = Directory.CreateTempSubdirectory("marsad-store-").FullName;

    public virtual void Dispose()
    {
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    protected static ArticleInput Article(string title, string body, string? date = null, string? outlet = null, string? category = null) => new()
    {
        Title = title,
        Body = body,
        Published = date is null ? null : DateOnly.Parse(date),
        Outlet = outlet,
        Category = category,
        Source = "test",
    };

    protected static readonly IngestOptions Small = new() { Workers = 2, BatchSize = 3 };
}
