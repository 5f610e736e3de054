using Marsad.Extraction;
using Marsad.Analysis;
using Marsad.Extraction.Times;

namespace Marsad.Extraction.Tests.Times;

/// <summary>One test per row of time-cases.tsv: the times found in a sentence under a dateline.</summary>
public class TimeCaseTests
{
    private static readonly AnalysisPipeline Pipeline = new AnalysisPipelineBuilder().UseTimes().Build();

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in SpecFile.Rows(Path.Combine("Times", "time-cases.tsv"), 4))
            data.Add(row[0], row[1], row[2], row[3]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Time_case(string id, string dateline, string text, string expected)
    {
        DateOnly? published = dateline == "-" ? null : DateOnly.ParseExact(dateline, "yyyy-MM-dd");
        var doc = Pipeline.Analyze(new ArticleInput { Title = "", Body = SpecFile.Text(text), Published = published });
        var want = SpecFile.Items(expected);
        // An item may leave out the anchor; compare at the precision the file gives.
        var got = doc.Times.Select((t, k) =>
            k < want.Count && want[k].Contains(" @", StringComparison.Ordinal) ? $"{t.Text} => {t.Value} @{t.Anchor}" : $"{t.Text} => {t.Value}").ToList();
        Assert.True(want.SequenceEqual(got), $"{id}: expected [{string.Join(" ; ", want)}] but found [{string.Join(" ; ", got)}]");
        foreach (var t in doc.Times)
        {
            Assert.Equal(t.Text, doc.Text[t.Start..t.End]);
            Assert.Contains(t.Anchor, new[] { "dateline", "absolute", "relative" });
        }
    }

    [Fact]
    public void Spec_file_has_at_least_80_cases() => Assert.True(Cases().Count >= 80);

    [Fact]
    public void Times_are_sorted_and_do_not_overlap()
    {
        var doc = Pipeline.Analyze(new ArticleInput
        {
            Title = "",
            Body = "عقد الاجتماع الخميس في الرياض بعد اجتماع 11 مايو 2022 في مراكش، واجتماع يومي 1 و 2 مارس 2023، وسيعقد المقبل الأسبوع المقبل.",
            Published = new DateOnly(2023, 6, 10),
        });
        Assert.Equal(4, doc.Times.Count);
        for (int k = 1; k < doc.Times.Count; k++) Assert.True(doc.Times[k - 1].End <= doc.Times[k].Start);
    }

    [Fact]
    public void Time_queries_find_the_time_inside_a_span()
    {
        var doc = Pipeline.Analyze(new ArticleInput
        {
            Title = "",
            Body = "اعتمد الاجتماع الخميس بيانا. وكان الاجتماع السابق قد عقد في 11 مايو 2022 في مراكش.",
            Published = new DateOnly(2023, 6, 10),
        });
        var second = doc.Sentences[1];
        Assert.Equal("2022-05-11", doc.Times.FirstWithin(second.Start, second.End)?.Value);
        Assert.Equal("2023-06-08", doc.Times.NearestWithin(0, doc.Text.Length, 0)?.Value);
        int inside = doc.Text.IndexOf("مايو", StringComparison.Ordinal);
        Assert.Equal("2022-05-11", doc.Times.At(inside)?.Value);
        Assert.Null(doc.Times.At(0));
        Assert.Empty(doc.Times.Within(0, 5));
    }

    [Theory]
    [InlineData(1444, 9, 1, "2023-03-23")]
    [InlineData(1318, 1, 1, "1900-04-30")]
    public void Hijri_dates_convert_inside_the_supported_range(int y, int m, int d, string iso)
    {
        Assert.True(HijriCalendar.TryToGregorian(y, m, d, out var date));
        Assert.Equal(iso, date.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData(1317, 12, 29)]
    [InlineData(1501, 1, 1)]
    [InlineData(1444, 13, 1)]
    [InlineData(1444, 9, 31)]
    public void Hijri_dates_outside_the_range_are_refused(int y, int m, int d) =>
        Assert.False(HijriCalendar.TryToGregorian(y, m, d, out _));
}
