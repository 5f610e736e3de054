using Marsad.Analysis;
using Marsad.Extraction.Quantities;
using Marsad.Text;

namespace Marsad.Extraction.Times;

/// <summary>
/// Finds time expressions in a document's tokens and normalises them to ISO 8601. One pass over the
/// tokens: a token is looked at further only when it is a number or one of the lexicon words
/// (<see cref="TimeLexicon"/>); then the rules of <see cref="NumberRules"/> or <see cref="WordRules"/> are
/// tried in order and the first that matches takes the tokens it covers. Each grammar lives in its own
/// file under <c>Rules/</c>; what a date without a year or a weekday means is the
/// <see cref="DatelineResolver"/>'s job, Hijri conversion <see cref="HijriCalendar"/>'s.
/// </summary>
/// <remarks>
/// Spans run from the first word of the expression to its last, without a leading preposition
/// (في، من، بين) or proclitic (و، ب). Without a dateline, expressions that need one are skipped.
/// </remarks>
public sealed partial class TimeRecognizer
{
    /// <summary>A grammar tried at token <c>i</c>: returns the token after the expression it emitted, or <c>i</c>.</summary>
    private delegate int Rule(TimeRecognizer r, int i);

    /// <summary>Rules at a number or a word with digits (و10، ال14، مارس2011), most specific first.</summary>
    private static readonly Rule[] NumberRules =
    [
        static (r, i) => r.NumericDate(i),  // Rules/NumericDates.cs: 10/06/2023، 1437/3/12، من 5-1-2016 إلى 20-2-2016
        static (r, i) => r.DayMonth(i),     // Rules/DayMonth.cs: 11 مايو 2022، 9 من فبراير الماضي، الـ14 من آذار
        static (r, i) => r._t[i].Kind == TokenKind.MixedWord ? r.MonthYear(i) : i, // Rules/MonthYear.cs: مارس2011
        static (r, i) => r.BareYear(i),     // Rules/Years.cs: في 2019، بين 1555 و 1865، كأس العالم 2022
    ];

    /// <summary>Rules at a lexicon word, most specific first.</summary>
    private static readonly Rule[] WordRules =
    [
        static (r, i) => r.Weekday(i),      // Rules/Weekdays.cs: الخميس، يوم الأحد المقبل، ليل الأربعاء الخميس
        static (r, i) => r.DayMonth(i),     // Rules/DayMonth.cs: الأول من مارس، الـ 14 من شهر آب
        static (r, i) => r.MonthYear(i),    // Rules/MonthYear.cs: مايو 2022، رمضان المقبل، من مارس إلى مايو 2023
        static (r, i) => r.YearWord(i),     // Rules/Years.cs: عام 2022، عامي 2014 و2013، العام الهجري 1440
        static (r, i) => r.Season(i),       // Rules/RelativeWords.cs: الصيف الماضي، صيف 2017
        static (r, i) => r.Relative(i),     // Rules/RelativeWords.cs: أمس، اليوم، حاليا، الشهر المقبل، ذلك العام
        static (r, i) => r.Duration(i),     // Rules/Durations.cs: منذ ثلاثة أيام، بعد أسبوعين
    ];

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TriggerSpans =
        TimeLexicon.Triggers.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;
    private readonly IReadOnlyList<WordToken> _t;
    private readonly DateOnly? _dateline;
    private readonly DatelineResolver _resolve;
    private readonly List<TimeAnnotation> _out;

    private TimeRecognizer(string text, IReadOnlyList<WordToken> tokens, DateOnly? dateline, List<TimeAnnotation> output)
    {
        _text = text;
        _t = tokens;
        _dateline = dateline;
        _resolve = new DatelineResolver(tokens, dateline, output);
        _out = output;
    }

    /// <summary>Adds the time expressions of <paramref name="tokens"/> to <paramref name="output"/>, in text order.</summary>
    public static void Recognize(string text, IReadOnlyList<WordToken> tokens, DateOnly? dateline, List<TimeAnnotation> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(output);
        new TimeRecognizer(text, tokens, dateline, output).Run();
    }

    private void Run()
    {
        int i = 0;
        while (i < _t.Count)
        {
            int end = TryAt(i);
            i = end > i ? end : i + 1;
        }
    }

    /// <summary>Tries the rules that can start at token <paramref name="i"/>; returns the token after the expression, or <paramref name="i"/>.</summary>
    private int TryAt(int i)
    {
        var t = _t[i];
        Rule[] rules;
        if (t.Kind is TokenKind.Number or TokenKind.MixedWord) rules = NumberRules;
        else if (t.Kind == TokenKind.ArabicWord && IsTrigger(t)) rules = WordRules;
        else return i;
        foreach (var rule in rules)
        {
            int end = rule(this, i);
            if (end > i) return end;
        }
        return i;
    }

    /// <summary>
    /// The word is a trigger by its form (the set also holds short words with a proclitic the segmenter leaves on
    /// them: لسنة، ومنذ), its form without the article, or its stem. A bit test on the last two letters rejects most
    /// words before any set look-up (a word and its bare form end alike).
    /// </summary>
    private static bool IsTrigger(WordToken t)
    {
        if (TimeLexicon.MayBeTrigger(t.Norm))
        {
            if (TimeLexicon.Triggers.Contains(t.Norm)) return true;
            var bare = ArticleForms.Bare(t);
            if (bare.Length != t.Norm.Length && TriggerSpans.Contains(bare)) return true;
        }
        return t.Stem.Length < t.Norm.Length && TimeLexicon.MayBeTrigger(t.Stem) && TimeLexicon.Triggers.Contains(t.Stem);
    }

    // ---------------------------------------------------------------- output

    private void Emit(int startToken, int endToken, string value, string anchor) => _out.Add(Make(startToken, endToken, value, anchor));

    private TimeAnnotation Make(int startToken, int endToken, string value, string anchor)
    {
        int start = LeadStart(_t[startToken]);
        int end = _t[endToken - 1].End;
        return new TimeAnnotation { Start = start, End = end, Text = _text[start..end], Value = value, Anchor = anchor };
    }

    /// <summary>Where an expression starts in its first token: after و/ب/ل/ف, but keeping the article (الخميس).</summary>
    private int LeadStart(WordToken t)
    {
        if (t.Kind == TokenKind.MixedWord && t.Norm.Length > 1 && t.Norm[0] == 'و' && char.IsAsciiDigit(t.Norm[1]))
        {
            int d = t.Start; // و10 → 10, و2013 → 2013
            while (d < t.End && !ArabicLetters.IsDigit(_text[d])) d++;
            return d;
        }
        if (t.Kind != TokenKind.ArabicWord) return t.Start;
        // the whole token is a lexicon word (فيفري, فبراير start with ف but have no clitic)
        if (TimeLexicon.Months.ContainsKey(t.Norm) || TimeLexicon.MonthHeads.Contains(t.Norm) || TimeLexicon.YearWords.Contains(t.Norm)) return t.Start;
        // للعام: the article's alef is not written, so the word stays whole
        if (t.Norm.StartsWith("لل", StringComparison.Ordinal) || (t.Norm.Length > 3 && t.Norm[0] is 'و' or 'ف' && t.Norm.AsSpan(1).StartsWith("لل"))) return t.Start;
        int skip = ArticleForms.LettersBeforeArticle(t);
        // و/ب/ل glued to a word without the article (ومايو، وأمس، ومنذ، لهذا): the text stage's stem says where it starts
        if (skip < 0) return t.Stem.Length < t.Norm.Length ? t.StemStart : t.Start;
        int p = t.Start;
        for (int letters = 0; p < t.End && letters < skip; p++)
            if (!ArabicLetters.IsDiacritic(_text[p]) && _text[p] != ArabicLetters.Tatweel) letters++;
        while (p < t.End && (ArabicLetters.IsDiacritic(_text[p]) || _text[p] == ArabicLetters.Tatweel)) p++;
        return p;
    }

    /// <summary>
    /// Removes what rules emitted since <paramref name="save"/> when a longer reading of the same tokens won
    /// or the attempt failed (a range tries its second end as an expression of its own).
    /// </summary>
    private void Rollback(int save)
    {
        while (_out.Count > save) _out.RemoveAt(_out.Count - 1);
    }
}
