using System.Globalization;
using CsvHelper;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Store.Tests.Export;

/// <summary>The ACLED CSV read back with a CSV parser, as pandas or R would: every column in ACLED's order, numbers as numbers.</summary>
public sealed class AcledCsvTests : TempArchive
{
    private (IMarsadStore Store, List<MergedEvent> Events) Ingested()
    {
        using (var archive = MarsadArchive.Open(DataDir))
            archive.Ingest([ExportArticles.Casablanca, ExportArticles.Mogadishu, ExportArticles.Cairo, ExportArticles.Lima], Small);
        var store = MarsadStores.Open(DataDir);
        var events = store.LoadEvents(new MergedEventFilter(), withSources: true).ToList();
        return (store, events);
    }

    private static string Export(IEntityStore store, List<MergedEvent> events, bool all, bool bom = false)
    {
        var w = new StringWriter();
        EventExport.Write(w, "acled-csv", store, events, all, bom);
        return w.ToString();
    }

    [Fact]
    public void Every_column_in_order_and_numbers_read_as_numbers()
    {
        var (store, events) = Ingested();
        var text = Export(store, events, all: false);
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { Separator = ',', HasHeader = false });
        Assert.True(csv.Read());
        var header = Enumerable.Range(0, 31).Select(csv.GetString).ToArray();
        string[] acled =
        [
            "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
            "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
            "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
            "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        ];
        Assert.Equal(acled, header);
        Assert.Equal(acled, AcledCsv.Columns);

        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(acled.Select((c, i) => (c, csv.GetString(i))).ToDictionary(x => x.c, x => x.Item2));
        Assert.NotEmpty(rows);
        var inv = CultureInfo.InvariantCulture;
        foreach (var row in rows)
        {
            Assert.Equal(row["event_date"][..4], int.Parse(row["year"], NumberStyles.None, inv).ToString(inv));
            Assert.InRange(int.Parse(row["time_precision"], NumberStyles.None, inv), 1, 3);
            Assert.True(int.Parse(row["fatalities"], NumberStyles.None, inv) >= 0);
            Assert.True(int.Parse(row["iso"], NumberStyles.None, inv) > 0);
            Assert.InRange(int.Parse(row["geo_precision"], NumberStyles.None, inv), 1, 3);
            Assert.InRange(double.Parse(row["latitude"], NumberStyles.Float, inv), -90, 90);
            Assert.InRange(double.Parse(row["longitude"], NumberStyles.Float, inv), -180, 180);
            Assert.True(long.Parse(row["timestamp"], NumberStyles.None, inv) > 1_600_000_000);
            Assert.DoesNotContain('\'', row["latitude"] + row["longitude"]); // never a guarded number
            Assert.Contains(row["event_type"], new[] { "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments" });
        }
        // West of Greenwich and south of the equator stay numbers: Casablanca and Lima.
        var casablanca = Assert.Single(rows, r => r["location"] == "Casablanca");
        Assert.True(double.Parse(casablanca["longitude"], NumberStyles.Float, inv) < -7);
        Assert.Equal("504", casablanca["iso"]);
        Assert.Equal("Morocco", casablanca["country"]);
        Assert.Equal("Northern Africa", casablanca["region"]);
        Assert.StartsWith("MAR-E", casablanca["event_id_cnty"], StringComparison.Ordinal);
        Assert.Contains(rows, r => r["location"] == "Lima" && double.Parse(r["latitude"], NumberStyles.Float, inv) < 0);
        var mogadishu = Assert.Single(rows, r => r["location"] == "Mogadishu" && r["fatalities"] != "0");
        Assert.Equal("12", mogadishu["fatalities"]);
        Assert.Equal("Political violence", mogadishu["disorder_type"]);

        // The meeting in Cairo is not in ACLED's scope; --all keeps it.
        Assert.DoesNotContain(rows, r => r["location"] == "Cairo");
        Assert.Contains("Cairo", Export(store, events, all: true));
    }

    [Fact]
    public void Formula_guard_applies_to_text_only_and_the_bom_is_optional()
    {
        var e = new MergedEvent("E0123456789ab", "PROTEST", null, "2024-02-01", "marsad:LOC:x", "=HYPERLINK(\"http://x\")", "MA", -33.5, -7.58, "city",
            ["marsad:ORG:y"], ["+cmd"], [], [], 3, null, [new EventSource("d1", "t", "src", null, "v1", "تظاهر", "-1 سطر يبدأ بعلامة ناقص")])
        { Reports = 1, Documents = 1, GeoPrecision = "clause", UpdatedAt = "2024-02-02T00:00:00.0000000Z" };
        var entities = new Dictionary<string, ExportEntity>
        {
            ["marsad:ORG:y"] = new("marsad:ORG:y", "+cmd", "@SUM(A1)", "ORG", "organisation", "MA"),
            ["marsad:LOC:x"] = new("marsad:LOC:x", "=HYPERLINK(\"http://x\")", null, "LOC", "city", "MA"),
        };
        var w = new StringWriter();
        AcledCsv.Write(w, [e], entities, all: true, bom: false);
        Assert.NotEqual('\uFEFF', w.ToString()[0]);
        using var csv = CsvReader.FromText(w.ToString(), new CsvReaderOptions { HasHeader = true });
        Assert.True(csv.Read());
        var row = AcledCsv.Columns.Select((c, i) => (c, csv.GetString(i))).ToDictionary(x => x.c, x => x.Item2);
        Assert.Equal("'@SUM(A1)", row["actor1"]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["location"]);
        Assert.Equal("'-1 سطر يبدأ بعلامة ناقص", row["notes"]);
        Assert.Equal("-7.58", row["longitude"]);
        Assert.Equal("-33.5", row["latitude"]);
        Assert.Equal("3", row["fatalities"]);

        var withBom = new StringWriter();
        AcledCsv.Write(withBom, [e], entities, all: true, bom: true);
        Assert.Equal('\uFEFF', withBom.ToString()[0]);
        using var again = CsvReader.FromText(withBom.ToString(), new CsvReaderOptions { HasHeader = false });
        Assert.True(again.Read());
        Assert.Equal("event_id_cnty", again.GetString(0)); // a BOM-aware parser reads the first column name whole
    }
}
