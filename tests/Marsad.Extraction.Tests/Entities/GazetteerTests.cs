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
    public void Demonyms_point_to_their_place(string word, string key) =>
        Assert.Equal(key, G.FindByDemonym(word)?.Key);

    [Fact]
    public void Unknown_words_find_nothing()
    {
        Assert.Empty(G.FindByName("كتاب"));
        Assert.Null(G.FindByDemonym("مالية"));
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
}
