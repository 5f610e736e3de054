using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marsad.Store.Sql;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Events;

/// <summary>One entry of the changes feed: an event added, changed, deleted, or merged into another event.</summary>
/// <param name="At">When the merge that made the change was stored (UTC, ISO 8601).</param>
public sealed record EventChange(string Id, string Change, string? MergedInto, string At);

/// <summary>
/// Stable event ids and the changes feed. An event's id is a hash of what the event is (type, date,
/// place, actors and its first report), so it means the same event in every build of the archive and
/// in a fresh archive made from the same articles. Each merge is compared with the one it replaces:
/// new ids are <c>added</c>, ids whose exported fields changed are <c>changed</c>, and ids that are gone
/// are <c>merged</c> (their first report now belongs to another event) or <c>deleted</c>.
/// </summary>
internal static class EventChanges
{
    public const string Added = "added", Changed = "changed", Deleted = "deleted", Merged = "merged";

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS merged_event_changes(
          seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, change TEXT NOT NULL, merged_into TEXT, at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS merged_event_changes_at ON merged_event_changes(at);
        """;

    /// <summary>Timestamps sort as text: UTC with a fixed number of digits.</summary>
    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"E" and 12 hex digits of SHA-256 over the event's identity: type, date, place, sorted actors and its first report.</summary>
    public static string Id(string type, string date, string? place, IEnumerable<string> actors, string firstReport)
    {
        var text = string.Join('\u001F', type, date, place ?? "", string.Join('\u001E', actors.Order(StringComparer.Ordinal)), firstReport);
        return "E" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    /// <summary>A hash of every stored field of an event: when it differs between two merges, the event <c>changed</c>.</summary>
    public static string Fingerprint(IEnumerable<object?> values)
    {
        var sb = new StringBuilder();
        foreach (var v in values) sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('\u001F');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>An event stored by an earlier merge: its fingerprint, first report and last change.</summary>
    public sealed record Previous(string Fingerprint, string FirstReport, string UpdatedAt);

    /// <summary>The stored events of the previous merge (an archive merged by a version without stable ids has none).</summary>
    public static Dictionary<string, Previous> LoadPrevious(SqliteConnection c, SqliteTransaction tx)
    {
        var map = new Dictionary<string, Previous>(StringComparer.Ordinal);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, fingerprint, first_report, updated_at FROM merged_events WHERE fingerprint IS NOT NULL AND first_report IS NOT NULL";
        using var r = cmd.ExecuteReader();
        while (r.Read()) map[r.GetString(0)] = new Previous(r.GetString(1), r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3));
        return map;
    }

    /// <summary>Logs the changes of a merge (<see cref="EventMerger.Diff"/>) at <paramref name="now"/>.</summary>
    public static void Write(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<MergeChange> changes, string now)
    {
        using var ins = c.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = "INSERT INTO merged_event_changes(event_id, change, merged_into, at) VALUES ($id, $c, $m, $at)";
        foreach (var p in new[] { "$id", "$c", "$m", "$at" }) ins.Parameters.Add(new SqliteParameter(p, null));
        foreach (var ch in changes)
        {
            ins.Parameters[0].Value = ch.Id;
            ins.Parameters[1].Value = ch.Change;
            ins.Parameters[2].Value = (object?)ch.MergedInto ?? DBNull.Value;
            ins.Parameters[3].Value = now;
            ins.ExecuteNonQuery();
        }
    }

    /// <summary>The last change of each event id changed at or after <paramref name="since"/> (oldest first).</summary>
    public static List<EventChange> Since(ArchiveDatabase db, DateTimeOffset since)
    {
        using var c = db.Open();
        ArchiveDatabase.Exec(c, Schema);
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT event_id, change, merged_into, at FROM merged_event_changes
            WHERE seq IN (SELECT max(seq) FROM merged_event_changes WHERE at >= $since GROUP BY event_id)
            ORDER BY seq
            """;
        cmd.Parameters.AddWithValue("$since", Stamp(since));
        var list = new List<EventChange>();
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(new EventChange(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
        return list;
    }

    /// <summary>
    /// A point in time as the feed takes it: ISO 8601 (2024-05-01, 2024-05-01T10:00:00Z) or Unix seconds
    /// (ACLED's timestamp). Null when the text is none of these.
    /// </summary>
    public static DateTimeOffset? ParseSince(string text)
    {
        var t = text.Trim();
        if (t.Length is > 0 and <= 12 && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long unix))
            return unix <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
    }
}
