using Marsad.Store.Events;
using Marsad.Store.Sql;

namespace Marsad.Store.Export;

/// <summary>What an export says of an actor, target or place besides its key: names, type and country.</summary>
public sealed record ExportEntity(string Key, string Name, string? NameEn, string Type, string? Subtype, string? Country)
{
    public double? Lat { get; init; }
    public double? Lon { get; init; }
}

/// <summary>The entities of a set of events, looked up once per export (one statement for any number of keys).</summary>
public static class ExportEntities
{
    public static IReadOnlyDictionary<string, ExportEntity> Of(IEntityStore store, IEnumerable<MergedEvent> events) =>
        store.LookupEntities(KeysOf(events));

    /// <summary>The actor, target and place keys of <paramref name="events"/> (with repeats).</summary>
    public static IEnumerable<string> KeysOf(IEnumerable<MergedEvent> events) =>
        events.SelectMany(e => e.ActorKeys.Concat(e.TargetKeys).Concat(e.LocationKey is null ? [] : [e.LocationKey]));

    /// <summary>The stored entities of <paramref name="keys"/> (unknown keys are left out): the embedded store's <see cref="IEntityStore.LookupEntities"/>.</summary>
    internal static Dictionary<string, ExportEntity> Lookup(ArchiveDatabase db, IEnumerable<string> keys)
    {
        var result = new Dictionary<string, ExportEntity>(StringComparer.Ordinal);
        var list = keys.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) return result;
        using var c = db.Open();
        using var cmd = c.CreateCommand();
        // json_each takes the whole list as one parameter: one statement for any number of keys.
        cmd.CommandText = "SELECT e.key, e.name, e.name_en, e.type, e.subtype, e.country, e.lat, e.lon FROM json_each($keys) k JOIN entities e ON e.key = k.value";
        cmd.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(list));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[r.GetString(0)] = new ExportEntity(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5))
            {
                Lat = r.IsDBNull(6) ? null : r.GetDouble(6),
                Lon = r.IsDBNull(7) ? null : r.GetDouble(7),
            };
        return result;
    }

    /// <summary>The ISO 3166 alpha-2 code an entity belongs to: a country's own code, else the country stored with it.</summary>
    public static string? CountryOf(string key, IReadOnlyDictionary<string, ExportEntity> entities) =>
        key.StartsWith("iso3166:", StringComparison.Ordinal) ? key["iso3166:".Length..] : entities.GetValueOrDefault(key)?.Country;
}
