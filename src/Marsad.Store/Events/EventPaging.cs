using System.Text;

namespace Marsad.Store.Events;

/// <summary>Where a page of events ends: the sort key of its last event, for the next page (search-after).</summary>
public sealed record EventCursor(string Date, string Id)
{
    /// <summary>An opaque, URL-safe form of the cursor.</summary>
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(Date + "|" + Id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor of <see cref="Encode"/>, or null when <paramref name="text"/> is not one.</summary>
    public static EventCursor? Decode(string text)
    {
        try
        {
            var b64 = text.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
            return parts.Length == 2 && parts[0].Length == 10 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out _)
                   && parts[1].Length is > 1 and <= 40 && parts[1][0] == 'E' ? new EventCursor(parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public sealed partial class EventStore
{
    /// <summary>
    /// One page of the stored events passing <paramref name="f"/>, newest or oldest first (ties by id), after
    /// <paramref name="after"/> (keyset paging: a page does not shift when events are added before it).
    /// Returns the events (without sources) and the cursor of the next page, null on the last page.
    /// </summary>
    public (List<MergedEvent> Events, EventCursor? Next) Page(MergedEventFilter f, bool newestFirst, EventCursor? after, int size, int windowDays = DefaultWindowDays)
    {
        if (!IsCurrent(windowDays)) Build(windowDays);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM merged_events");
        Where(c, cmd, sql, f);
        if (after is not null)
        {
            sql.Append(newestFirst ? " AND (date < $ad OR (date = $ad AND id < $ai))" : " AND (date > $ad OR (date = $ad AND id > $ai))");
            cmd.Parameters.AddWithValue("$ad", after.Date);
            cmd.Parameters.AddWithValue("$ai", after.Id);
        }
        sql.Append(newestFirst ? " ORDER BY date DESC, id DESC" : " ORDER BY date, id").Append(" LIMIT $limit");
        // One more than asked says whether there is a next page.
        cmd.Parameters.AddWithValue("$limit", Math.Max(1, size) + 1);
        cmd.CommandText = sql.ToString();
        var list = Read(cmd);
        if (list.Count <= size) return (list, null);
        list.RemoveAt(list.Count - 1);
        return (list, new EventCursor(list[^1].Date, list[^1].Id));
    }
}
