using Lucene.Net.Index;
using Lucene.Net.Store;
using Marsad.Store.Index;
using Microsoft.Data.Sqlite;

namespace Marsad.Store;

/// <summary>What <c>marsad check</c> found: each problem in a sentence, and the counts it compared.</summary>
public sealed record ArchiveCheckReport(IReadOnlyList<string> Problems, long Documents, long IndexEntries)
{
    public bool Clean => Problems.Count == 0;
}

/// <summary>
/// Damage to an archive named, not thrown as a stack trace: <see cref="Check"/> reads every part
/// without changing anything, <see cref="Repair"/> rebuilds the index from SQLite (the source of truth).
/// </summary>
public static class ArchiveHealth
{
    /// <summary>Runs <paramref name="open"/>; a damaged SQLite file or Lucene index becomes <see cref="ArchiveDamagedException"/>.</summary>
    internal static T Guard<T>(string dataDir, string part, Func<T> open)
    {
        try { return open(); }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            throw new ArchiveDamagedException($"{Path.Combine(dataDir, part)}: the database is damaged ({e.Message.TrimEnd('.')}); run `marsad check --data {dataDir}`, and restore marsad.db from a backup", e);
        }
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException
                                      or FileNotFoundException or DirectoryNotFoundException or LockObtainFailedException
                                  || (e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException && ThrownByLucene(e)))
        {
            throw new ArchiveDamagedException($"{Path.Combine(dataDir, part)}: the search index is damaged ({e.GetType().Name}: {FirstLine(e.Message)}); run `marsad repair --data {dataDir}` to rebuild it from marsad.db", e);
        }
    }

    /// <summary>Lucene.NET reports some damage (a truncated file) as an ArgumentException from its readers.</summary>
    private static bool ThrownByLucene(Exception e) =>
        e.TargetSite?.DeclaringType?.Namespace?.StartsWith("Lucene", StringComparison.Ordinal) == true
        || e.GetType().Namespace?.StartsWith("Lucene", StringComparison.Ordinal) == true;

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n');
        s = nl < 0 ? s : s[..nl];
        return s.Length <= 200 ? s.TrimEnd('.') : s[..200] + "…";
    }

    /// <summary>Checks marsad.db (SQLite integrity), the index (Lucene's CheckIndex) and that both hold the same documents once.</summary>
    public static ArchiveCheckReport Check(string dataDir)
    {
        dataDir = Path.GetFullPath(dataDir);
        var problems = new List<string>();
        string dbPath = Path.Combine(dataDir, "marsad.db"), indexPath = Path.Combine(dataDir, "index");
        if (!File.Exists(dbPath))
        {
            problems.Add($"{dbPath}: missing (no archive here)");
            return new ArchiveCheckReport(problems, 0, 0);
        }
        using var held = ArchiveLock.TryAcquire(dataDir, out var holder);
        if (held is null)
        {
            problems.Add(new ArchiveInUseException(dataDir, holder).Message);
            return new ArchiveCheckReport(problems, 0, 0);
        }

        HashSet<string>? sqlIds = null;
        string? state = null;
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            c.Open();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "PRAGMA integrity_check";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    if (r.GetString(0) != "ok") problems.Add($"{dbPath}: {r.GetString(0)}");
            }
            if (problems.Count == 0)
            {
                sqlIds = new HashSet<string>(StringComparer.Ordinal);
                using var ids = c.CreateCommand();
                ids.CommandText = "SELECT id FROM documents";
                using (var r = ids.ExecuteReader())
                    while (r.Read()) sqlIds.Add(r.GetString(0));
                using var meta = c.CreateCommand();
                meta.CommandText = "SELECT value FROM meta WHERE key = 'index_state'";
                state = meta.ExecuteScalar() as string;
            }
        }
        catch (SqliteException e)
        {
            problems.Add($"{dbPath}: not a readable SQLite database ({e.Message.TrimEnd('.')})");
        }

        long entries = 0;
        using (var dir = FSDirectory.Open(indexPath))
        {
            if (!DirectoryReader.IndexExists(dir)) problems.Add($"{indexPath}: no segments file (the index is missing or damaged); `marsad repair` rebuilds it");
            else
            {
                try
                {
                    var status = new CheckIndex(dir).DoCheckIndex();
                    if (!status.Clean)
                        problems.Add($"{indexPath}: {(status.MissingSegments ? "segments file unreadable" : $"{status.NumBadSegments} of {status.NumSegments} segments damaged ({status.TotLoseDocCount} entries lost)")}; `marsad repair` rebuilds it");
                    else
                    {
                        using var reader = DirectoryReader.Open(dir);
                        var seen = new HashSet<string>(StringComparer.Ordinal);
                        int twice = 0, extra = 0;
                        var fields = new HashSet<string> { SearchIndex.IdField };
                        foreach (var leaf in reader.Leaves)
                        {
                            var r = leaf.AtomicReader;
                            var live = r.LiveDocs;
                            for (int i = 0; i < r.MaxDoc; i++)
                            {
                                if (live is not null && !live.Get(i)) continue;
                                if (r.Document(i, fields).Get(SearchIndex.IdField) is not { } id) continue;
                                entries++;
                                if (!seen.Add(id)) twice++;
                                else if (sqlIds is not null && !sqlIds.Contains(id)) extra++;
                            }
                        }
                        if (twice > 0) problems.Add($"{indexPath}: {twice} documents are indexed twice");
                        if (extra > 0) problems.Add($"{indexPath}: {extra} index entries have no document in marsad.db");
                        if (sqlIds is not null && sqlIds.Count(id => !seen.Contains(id)) is > 0 and var missing)
                            problems.Add($"{indexPath}: {missing} documents of marsad.db are not indexed (not searchable)");
                    }
                }
                catch (Exception e) when (e is IOException or CorruptIndexException or InvalidOperationException)
                {
                    problems.Add($"{indexPath}: unreadable ({e.GetType().Name}: {FirstLine(e.Message)}); `marsad repair` rebuilds it");
                }
            }
        }
        if (state is "dirty" && problems.Count == 0)
            problems.Add($"{dataDir}: an ingest was interrupted (index state 'dirty'); the next ingest or `marsad repair` settles it");
        return new ArchiveCheckReport(problems, sqlIds?.Count ?? 0, entries);
    }

    /// <summary>
    /// Rebuilds the index from marsad.db: under the archive lock, the index folder is emptied and every
    /// stored document indexed again. marsad.db must be sound (it is the source of truth).
    /// Returns the documents indexed.
    /// </summary>
    public static long Repair(string dataDir)
    {
        dataDir = Path.GetFullPath(dataDir);
        string dbPath = Path.Combine(dataDir, "marsad.db"), indexPath = Path.Combine(dataDir, "index");
        if (!File.Exists(dbPath)) throw new ArchiveDamagedException($"{dbPath}: missing; there is nothing to rebuild the index from");
        using var held = ArchiveLock.Acquire(dataDir, TimeSpan.Zero);
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            if (cmd.ExecuteScalar() as string is { } first && first != "ok")
                throw new ArchiveDamagedException($"{dbPath}: damaged ({first}); the index cannot be rebuilt from it: restore marsad.db from a backup");
        }
        catch (SqliteException e)
        {
            throw new ArchiveDamagedException($"{dbPath}: not a readable SQLite database ({e.Message.TrimEnd('.')}); restore it from a backup", e);
        }
        if (System.IO.Directory.Exists(indexPath)) System.IO.Directory.Delete(indexPath, recursive: true);
        using var archive = MarsadArchive.OpenLocked(dataDir, held);
        return archive.Count;
    }
}
