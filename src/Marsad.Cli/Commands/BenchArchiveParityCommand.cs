using System.CommandLine;
using System.Globalization;
using Marsad.Ingest;
using Marsad.Store;
using Marsad.Store.Events;
using Marsad.Store.Postgres;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad bench archive-parity --data DIR --other postgres://…</c>: an embedded archive and a PostgreSQL
/// one made from the same input, compared: documents (count and ids), story clusters (the share of
/// documents whose cluster-mates are the same in both) and merged events (count by type, and ids).
/// Exit 1 when they disagree beyond the given tolerances.
/// </summary>
public static class BenchArchiveParityCommand
{
    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var other = new Option<string>("--other")
        {
            Description = "The PostgreSQL archive made from the same input, postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $MARSAD_STORE).",
            Required = Environment.GetEnvironmentVariable("MARSAD_STORE") is not { Length: > 0 },
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MARSAD_STORE") ?? "",
        };
        var clusters = new Option<double>("--min-cluster-share") { Description = "Least share of documents with the same cluster-mates in both.", DefaultValueFactory = _ => 0.99 };
        var events = new Option<double>("--max-event-diff") { Description = "Largest share of merged-event ids found in one archive only.", DefaultValueFactory = _ => 0.0 };
        var cmd = new Command("archive-parity", "Compare an embedded archive with a PostgreSQL archive of the same input: documents, story clusters and merged events.") { data, other, clusters, events };
        cmd.SetAction(r => CliErrors.Run(() => Run(r.GetValue(data)!, r.GetValue(other)!, r.GetValue(clusters), r.GetValue(events))));
        return cmd;
    }

    private static int Run(string dataDir, string url, double minClusterShare, double maxEventDiff)
    {
        if (!PostgresUrl.IsPostgres(url)) throw new InputException("--other", $"'{PostgresUrl.Redact(url)}' is not a postgres:// URL");
        using var embedded = ArchiveOptions.OpenExisting(dataDir);
        using var pg = PostgresArchive.Open(url);
        bool agree = true;
        var inv = CultureInfo.InvariantCulture;

        // Documents: the same ids on both sides.
        var a = embedded.EnumerateDocuments().ToDictionary(d => d.Id, d => d.ClusterId, StringComparer.Ordinal);
        var b = pg.EnumerateDocuments().ToDictionary(d => d.Id, d => d.ClusterId, StringComparer.Ordinal);
        int onlyA = a.Keys.Count(k => !b.ContainsKey(k)), onlyB = b.Keys.Count(k => !a.ContainsKey(k));
        Console.WriteLine(string.Create(inv, $"documents: {a.Count:N0} embedded, {b.Count:N0} PostgreSQL · {onlyA:N0} only embedded, {onlyB:N0} only PostgreSQL"));
        if (onlyA + onlyB > 0) agree = false;

        // Story clusters: per document on both sides, its cluster-mates (the other documents of its cluster).
        static Dictionary<string, HashSet<string>> Mates(Dictionary<string, string?> docs, ICollection<string> keep)
        {
            var byCluster = docs.Where(d => d.Value is not null && keep.Contains(d.Key)).GroupBy(d => d.Value!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            return docs.Keys.Where(keep.Contains).ToDictionary(id => id,
                id => docs[id] is { } c ? byCluster[c].Where(x => x != id).ToHashSet(StringComparer.Ordinal) : [], StringComparer.Ordinal);
        }
        var both = a.Keys.Where(b.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var ma = Mates(a, both);
        var mb = Mates(b, both);
        int sameMates = both.Count(id => ma[id].SetEquals(mb[id]));
        double clusterShare = both.Count == 0 ? 1 : sameMates / (double)both.Count;
        Console.WriteLine(string.Create(inv, $"story clusters: {sameMates:N0}/{both.Count:N0} documents ({clusterShare:P2}) with the same cluster-mates · clustered {ma.Count(x => x.Value.Count > 0):N0} embedded, {mb.Count(x => x.Value.Count > 0):N0} PostgreSQL"));
        if (clusterShare < minClusterShare) agree = false;

        // Merged events: by type, then by id.
        var ea = embedded.LoadEvents(new MergedEventFilter()).ToDictionary(e => e.Id, e => e.Type, StringComparer.Ordinal);
        var eb = pg.MergedEventIds().ToDictionary(e => e.Id, e => e.Type, StringComparer.Ordinal);
        int sameIds = ea.Keys.Count(eb.ContainsKey);
        int diff = ea.Count + eb.Count - 2 * sameIds;
        double diffShare = Math.Max(ea.Count, eb.Count) == 0 ? 0 : diff / (double)Math.Max(ea.Count, eb.Count);
        Console.WriteLine(string.Create(inv, $"merged events: {ea.Count:N0} embedded, {eb.Count:N0} PostgreSQL · {sameIds:N0} same ids · {ea.Count - sameIds:N0} only embedded, {eb.Count - sameIds:N0} only PostgreSQL ({diffShare:P2})"));
        var types = ea.Values.Concat(eb.Values).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var t in types)
        {
            int na = ea.Values.Count(x => x == t), nb = eb.Values.Count(x => x == t);
            Console.WriteLine(string.Create(inv, $"  {t,-24} {na,7:N0} {nb,7:N0}{(na == nb ? "" : "  differs")}"));
        }
        foreach (var id in ea.Keys.Where(k => !eb.ContainsKey(k)).Order(StringComparer.Ordinal).Take(5)) Console.WriteLine($"  only embedded: {id} {ea[id]}");
        foreach (var id in eb.Keys.Where(k => !ea.ContainsKey(k)).Order(StringComparer.Ordinal).Take(5)) Console.WriteLine($"  only PostgreSQL: {id} {eb[id]}");
        if (diffShare > maxEventDiff) agree = false;
        Console.WriteLine(agree ? "archives agree" : "archives differ");
        return agree ? CliErrors.Ok : 1;
    }
}
