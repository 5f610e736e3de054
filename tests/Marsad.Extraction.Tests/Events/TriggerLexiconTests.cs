using Marsad.Analysis;
using Marsad.Extraction.Events;
using Marsad.Extraction.Relations;
using Marsad.Text;

namespace Marsad.Extraction.Tests.Events;

public class TriggerLexiconTests
{
    private static TriggerEntry Single(string word)
    {
        Assert.True(TriggerLexicon.Default.TryGet(ArabicNormalizer.Normalize(word, NormalizationLevel.Matching), out var entries), word);
        return entries[0];
    }

    [Theory]
    [InlineData("اجتمعوا", "CONSULT", false, false)]
    [InlineData("تجتمعان", "CONSULT", true, false)]
    [InlineData("سنجتمع", "CONSULT", true, true)]
    [InlineData("اتهموه", "ACCUSE", false, false)]
    [InlineData("يتهمونها", "ACCUSE", true, false)]
    [InlineData("هاجمت", "ASSAULT", false, false)]
    [InlineData("دعت", "REQUEST", false, false)]
    [InlineData("ستدعو", "REQUEST", true, true)]
    [InlineData("نفت", "REJECT", false, false)]
    public void Verb_forms_are_expanded(string word, string type, bool imperfect, bool future)
    {
        var e = Single(word);
        Assert.Equal(type, e.Type);
        Assert.Equal(imperfect, e.Imperfect);
        Assert.Equal(future, e.Future);
    }

    [Theory]
    [InlineData("اجتماعات", "CONSULT")]
    [InlineData("اجتماعا", "CONSULT")]
    [InlineData("زيارته", "CONSULT")]
    [InlineData("مظاهرات", "PROTEST")]
    [InlineData("اعتقالات", "COERCE")]
    [InlineData("تفجيرين", "ASSAULT")]
    public void Noun_forms_are_expanded(string word, string type)
    {
        var e = Single(word);
        Assert.Equal(type, e.Type);
        Assert.Equal(TriggerKind.Noun, e.Kind);
    }

    [Fact]
    public void Phrases_keep_their_following_words()
    {
        Assert.True(TriggerLexicon.Default.TryGet("وقف", out var entries));
        var ceasefire = Assert.Single(entries, e => e.Mode == "ceasefire");
        Assert.Equal(["اطلاق", "النار"], ceasefire.Rest);
    }

    [Fact]
    public void Lexicon_covers_every_plover_category()
    {
        string[] types = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
            "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
        var lex = TriggerLexicon.Default;
        Assert.True(lex.FormCount > 10_000, $"{lex.FormCount} forms");
        Assert.Equal(types.Order(), lex.Types.Order());
        // and the spec file has a case for each
        var spec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events/events.spec.md"));
        Assert.All(types, t => Assert.Contains("- event " + t, spec));
    }

    [Theory]
    [InlineData("CONSULT\tmeeting\tv\tاجتمع", "PAST/IMPERFECT")]
    [InlineData("CONSULT\tmeeting\tv\tاجتمع/اجتمع", "must start with ي")]
    [InlineData("CONSULT\tmeeting\tq\tاجتمع", "unknown pos")]
    [InlineData("CONSULT\tmeeting", "4 tab-separated columns")]
    public void Bad_lexicon_lines_are_refused_with_the_line_number(string line, string problem)
    {
        var ex = Assert.Throws<FormatException>(() => TriggerLexicon.Parse("# comment\n" + line + "\n"));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Theory]
    [InlineData("2023", "2023-01-01", "2023-12-31")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2023-03-01/2023-03-02", "2023-03-01", "2023-03-02")]
    public void Iso_values_cover_their_days(string value, string start, string end)
    {
        Assert.True(IsoInterval.TryParse(value, out var iv));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), iv.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), iv.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2023-13")]
    [InlineData("2023-03-02/2023-03-01")]
    public void Bad_iso_values_are_not_intervals(string value) => Assert.False(IsoInterval.TryParse(value, out _));

    [Fact]
    public void Nesting_and_window()
    {
        Assert.True(IsoInterval.Nest("2022-05", "2022-05-11"));
        Assert.False(IsoInterval.Nest("2022-05", "2022-06-01"));
        Assert.True(IsoInterval.Within("2024-03-01", "2024-03-03", 3));
        Assert.False(IsoInterval.Within("2024-03-01", "2024-03-09", 3));
    }
}

public class RobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("اجتمع")]
    [InlineData("في في في بين بين ،،، الذي التي")]
    [InlineData("قتل 999999999999999999999 شخصا وإصابة -5")]
    [InlineData("برئاسة مشتركة بين")]
    [InlineData("يضم")]
    [InlineData("\u0627\u0644\u0640\u0640\u0640 \u064B\u064B\u064B ﻻ ﷲ")]
    public void Stages_survive_odd_text_without_entities(string body)
    {
        var doc = new AnalysisPipelineBuilder().Build().Analyze(new ArticleInput { Title = "ت", Body = body });
        new EventStage().Process(doc, CancellationToken.None);
        new RelationStage().Process(doc, CancellationToken.None);
        Assert.All(doc.Events, v => Assert.True(v.Trigger.End <= doc.Text.Length));
    }

    [Fact]
    public void Random_marked_text_never_throws_and_spans_stay_inside()
    {
        string[] words = ["اجتمع", "[المغرب|LOC/country|MA]", "في", "[الرباط|LOC/city|MA]", "الاجتماع", "للتحالف", "الذي", "عقد",
            "{الخميس|2024-03-07}", "،", ".", "قتل", "3", "برئاسة", "مشتركة", "بين", "و[مصر|LOC/country|EG]", "[الاتحاد|ORG]",
            "يضم", "دولة", "لم", "سوف", "تم", "تبني", "بشكل", "مشترك", "إلى", "جانب", "[فلان|PER]", "مدير", "ب[وزارة|ORG]"];
        var rng = new Random(20240310);
        for (int n = 0; n < 300; n++)
        {
            var text = string.Join(" ", Enumerable.Range(0, rng.Next(1, 40)).Select(_ => words[rng.Next(words.Length)]));
            var doc = MarkedText.Run(MarkedText.Analyze(text), new EventStage(), new RelationStage());
            foreach (var v in doc.Events)
            {
                Assert.Equal(doc.Text[v.Trigger.Start..v.Trigger.End], v.Trigger.Text);
                Assert.All(v.Actors.Concat(v.Targets), id => Assert.Contains(doc.Entities, e => e.Id == id));
            }
            foreach (var r in doc.Relations)
                Assert.InRange(r.Evidence.End, r.Evidence.Start + 1, doc.Text.Length);
        }
    }

    [Fact]
    public void Pipeline_registers_events_then_relations_last()
    {
        var names = MarsadPipeline.CreateBuilder().Stages.Select(s => s.Name).ToList();
        Assert.Equal("relations", names[^1]);
        Assert.Equal("events", names[^2]);
    }
}
