using Marsad.Extraction.Places;

namespace Marsad.Extraction.Tests.Entities;

public class GazetteerTests
{
    private static readonly Gazetteer G = Gazetteer.Default;

    [Fact]
    public void Has_every_country_with_arabic_name_and_point()
    {
        var countries = G.Entries.Where(e => e.IsCountry).ToList();
        Assert.True(countries.Count >= 240, $"only {countries.Count} countries");
        Assert.All(countries, c => Assert.False(string.IsNullOrWhiteSpace(c.Name)));
        Assert.True(countries.Count(c => c.Lat is not null) >= 240);
    }

    [Theory]
    [InlineData("المغرب", "iso3166:MA")]
    [InlineData("المملكة المغربية", "iso3166:MA")]
    [InlineData("السعودية", "iso3166:SA")]
    [InlineData("الولايات المتحدة الأمريكية", "iso3166:US")]
    [InlineData("أمريكا", "iso3166:US")]
    [InlineData("افريقيا", "marsad:region:africa")]
    [InlineData("القرن الأفريقي", "marsad:region:horn-of-africa")]
    [InlineData("بلاد الشام", "marsad:region:levant")]
    [InlineData("نواكشوط", "geonames:2377450")]
    [InlineData("الدار البيضاء", "geonames:2553604")]
    [InlineData("أَلْجَزَائِر", "iso3166:DZ")]
    [InlineData("محافظة الأنبار", "iso3166-2:IQ-AN")]
    [InlineData("الأنبار", "iso3166-2:IQ-AN")]
    [InlineData("ريف إدلب", "iso3166-2:SY-ID")]
    [InlineData("ولاية القيروان", "iso3166-2:TN-41")]
    [InlineData("ولاية كاليفورنيا", "iso3166-2:US-CA")]
    public void Finds_places_by_any_spelling(string name, string key) =>
        Assert.Equal(key, G.FindByName(name).FirstOrDefault()?.Key);

    [Theory]
    [InlineData("المغربي", "iso3166:MA")]
    [InlineData("مغربية", "iso3166:MA")]
    [InlineData("المغاربة", "iso3166:MA")]
    [InlineData("السعودي", "iso3166:SA")]
    [InlineData("الموريتانيون", "iso3166:MR")]
    [InlineData("الإيطالية", "iso3166:IT")]
    [InlineData("الأمريكيين", "iso3166:US")]
    [InlineData("الإفريقية", "marsad:region:africa")]
    [InlineData("الالمانية", "iso3166:DE")]
    public void Demonyms_point_to_their_place(string word, string key) =>
        Assert.Equal(key, G.FindByDemonym(word)?.Key);

    [Fact]
    public void Unknown_words_find_nothing()
    {
        Assert.Empty(G.FindByName("كتاب"));
        Assert.Null(G.FindByDemonym("مالية"));
        // المانيا's ال is part of the name (ألمانيا without hamza): no demonym is made from «مانيا»
        Assert.Null(G.FindByDemonym("مانية"));
        Assert.Null(G.FindByDemonym("مانيين"));
        Assert.Null(G.Get("iso3166:XX"));
    }

    [Fact]
    public void Containment_follows_parents()
    {
        Assert.True(G.Contains("iso3166:NE", "geonames:2440485"));            // Niger contains Niamey
        Assert.True(G.Contains("marsad:region:sahel", "geonames:2440485"));   // … and so does the Sahel
        Assert.True(G.Contains("marsad:region:africa", "iso3166:MA"));
        Assert.True(G.Contains("iso3166:MA", "iso3166:MA"));
        Assert.False(G.Contains("iso3166:MA", "geonames:2440485"));
        Assert.False(G.Contains("geonames:2440485", "iso3166:NE"));
        Assert.Contains(G.Children("marsad:region:maghreb"), e => e.Key == "iso3166:TN");
        Assert.Equal("NE", G.CountryOf("geonames:2440485"));
    }

    [Fact]
    public void Loader_rejects_short_lines()
    {
        using var reader = new StringReader("iso3166:XX\tcountry\tXX\n");
        Assert.Throws<FormatException>(() => Gazetteer.Load(reader));
    }

    [Fact]
    public void Ambiguous_names_are_weak()
    {
        var khobar = G.FindByName("الخبر").Single();
        Assert.Contains("الخبر", khobar.WeakNames);
        Assert.DoesNotContain("الخبر", khobar.Names);
    }

    [Fact]
    public void Divisions_know_their_country_point_and_english_name()
    {
        var anbar = G.Get("iso3166-2:IQ-AN")!;
        Assert.Equal("admin1", anbar.Subtype);
        Assert.Equal("IQ", anbar.Country);
        Assert.Equal("Al Anbar", anbar.NameEn);
        Assert.NotNull(anbar.Lat);
        Assert.True(G.Contains("iso3166:IQ", anbar.Key));
        var divisions = G.Entries.Where(e => e.Subtype == "admin1").ToList();
        Assert.True(divisions.Count >= 1000, $"only {divisions.Count} divisions");
        Assert.True(divisions.Select(d => d.Country).Distinct().Count() >= 140); // the data has Arabic names for the divisions of ~145 countries
    }

    [Fact]
    public void A_division_does_not_take_the_name_of_its_capital_or_a_common_word()
    {
        Assert.Equal("city", G.FindByName("بغداد")[0].Subtype);
        Assert.Equal("iso3166-2:IQ-BG", G.FindByName("محافظة بغداد")[0].Key);
        var sharqia = G.Get("iso3166-2:EG-SHR")!;
        Assert.Contains("الشرقية", sharqia.WeakNames);
        Assert.DoesNotContain("الشرقية", sharqia.Names);
    }

    [Fact]
    public void One_place_has_one_key_no_two_cities_of_one_name_lie_within_50_km()
    {
        // Two keys for one city split its search facet rows, its entity page and its events.
        var cities = G.Entries.Where(e => e.Subtype == "city" && e.Lat is not null && e.Lon is not null).ToList();
        var twins = cities.SelectMany((a, i) => cities.Skip(i + 1)
                .Where(b => a.Names.Intersect(b.Names).Any() && Km(a, b) <= 50)
                .Select(b => $"{a.Key} / {b.Key} ({a.Name})"))
            .ToList();
        Assert.True(twins.Count == 0, string.Join("; ", twins));
        var jerusalem = G.FindByName("القدس").Where(e => e.Subtype == "city").ToList();
        Assert.Single(jerusalem);
        Assert.Equal(jerusalem[0].Key, G.FindByName("القدس الشرقية").Single().Key);
    }

    private static double Km(GazetteerEntry a, GazetteerEntry b)
    {
        double dy = (a.Lat!.Value - b.Lat!.Value) * 111, dx = (a.Lon!.Value - b.Lon!.Value) * 111 * Math.Cos(a.Lat.Value * Math.PI / 180);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
