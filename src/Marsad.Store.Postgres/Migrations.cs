using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Marsad.Store.Postgres;

/// <summary>
/// The schema as numbered SQL files embedded in the assembly (<c>Migrations/001_archive.sql</c>, …).
/// <see cref="Apply"/> runs those not yet recorded in <c>schema_migrations</c> in one transaction,
/// under an advisory lock, so several processes opening a new database at once apply each migration
/// once (and a failed migration leaves the schema as it was).
/// </summary>
public static class Migrations
{
    private const long LockKey = 0x4D617273_61640001; // "Mars" "ad" 1

    /// <summary>The (version, name, SQL) of every embedded migration, oldest first.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    /// <summary>The schema version this build writes: the newest migration's number.</summary>
    public static int Latest => All[^1].Version;

    private static List<(int, string, string)> Load()
    {
        var asm = typeof(Migrations).Assembly;
        const string prefix = "Marsad.Store.Postgres.Migrations.";
        var list = new List<(int, string, string)>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string file = name[prefix.Length..];
            if (!int.TryParse(file.AsSpan(0, file.IndexOf('_') is var u and > 0 ? u : 0), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                throw new InvalidOperationException($"migration {file}: the name must start with its number (001_name.sql)");
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            list.Add((version, file, r.ReadToEnd()));
        }
        if (list.Count == 0) throw new InvalidOperationException("no schema migrations embedded in Marsad.Store.Postgres");
        // By number, not by name (10_x after 9_x); two files of one number are a packaging mistake.
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (int i = 1; i < list.Count; i++)
            if (list[i].Item1 == list[i - 1].Item1)
                throw new InvalidOperationException($"migrations {list[i - 1].Item2} and {list[i].Item2} have the same number");
        return list;
    }

    /// <summary>Applies the missing migrations; returns the numbers applied. A database newer than this build is refused.</summary>
    public static IReadOnlyList<int> Apply(NpgsqlDataSource db)
    {
        using var c = db.OpenConnection();
        using (var tx = c.BeginTransaction())
        {
            Exec(c, tx, "SELECT pg_advisory_xact_lock(" + LockKey.ToString(CultureInfo.InvariantCulture) + ")");
            Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_migrations(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var done = new HashSet<int>();
            using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", c, tx))
            using (var r = cmd.ExecuteReader())
                while (r.Read()) done.Add(r.GetInt32(0));
            if (done.Count > 0 && done.Max() > Latest)
                throw new InvalidOperationException($"the database has schema version {done.Max()}, newer than this build's {Latest}: update marsad");
            var applied = new List<int>();
            foreach (var (version, name, sql) in All)
            {
                if (done.Contains(version)) continue;
                Exec(c, tx, sql);
                using var rec = new NpgsqlCommand("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", c, tx);
                rec.Parameters.AddWithValue(version);
                rec.Parameters.AddWithValue(name);
                rec.ExecuteNonQuery();
                applied.Add(version);
            }
            tx.Commit();
            return applied;
        }
    }

    private static void Exec(NpgsqlConnection c, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.ExecuteNonQuery();
    }
}
