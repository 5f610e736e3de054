namespace Marsad.Text;

/// <summary>How the segmenter knows a stem: the lexicon entry itself, or its base through an inflectional ending.</summary>
public sealed partial class CliticSegmenter
{
    /// <summary>
    /// The lexicon entry behind <paramref name="stem"/>: the stem itself, or its base when it carries an
    /// ending its kind takes (nouns: ات ون ين ان, feminine dual تان تين, ة ي; verbs: ت وا تا تم تن ن ون ين ا);
    /// before a pronoun ت may stand for ة (<paramref name="tehMarbuta"/>). Not found: no such stem.
    /// </summary>
    private StemEntry Known(ReadOnlySpan<char> stem, bool afterPronoun, out bool tehMarbuta) =>
        Known(stem, afterPronoun, out tehMarbuta, out _, out _);

    /// <param name="inflection">Letters of the ending found (0: the stem itself, or ت for ة).</param>
    /// <param name="baseTeh">The base without the ending ends in an unwritten ة (آيات → آية).</param>
    /// <param name="skipDirect">Look for an ending even when the stem is an entry itself.</param>
    private StemEntry Known(ReadOnlySpan<char> stem, bool afterPronoun, out bool tehMarbuta, out int inflection, out bool baseTeh,
        bool skipDirect = false)
    {
        tehMarbuta = baseTeh = false;
        inflection = 0;
        var entry = skipDirect ? default : _lexicon.Lookup(stem);
        int n = stem.Length;
        Span<char> buffer = stackalloc char[MaxLetters + 1];
        char last = stem[n - 1];
        // ة written as ت before a pronoun (حكومته), unless the stem with ت is the likelier word (هويته: هوية, not هويت).
        if (afterPronoun && last == ArabicLetters.Teh && WithLast(stem[..^1], ArabicLetters.TehMarbuta, buffer) is { Found: true } t
            && t.Weight >= entry.Weight)
        {
            tehMarbuta = true;
            return t;
        }
        if (entry.Found) return entry;
        // آيات → آية: a plural of three letters and ة.
        if (n == 4 && stem[2] == ArabicLetters.Alef && last == ArabicLetters.Teh && Nominal(WithTehMarbuta(stem[..2], buffer)) is { Found: true } p)
        {
            (inflection, baseTeh) = (2, true);
            return p;
        }
        // ى written ا before a pronoun (مداها → مدى).
        if (afterPronoun && last == ArabicLetters.Alef && n >= 3 && WithLast(stem[..^1], ArabicLetters.Yeh, buffer) is { Found: true } m)
            return m;
        // Endings come off only a base of 3 letters or more: لا + يات is not a plural.
        if (n >= 5)
        {
            ReadOnlySpan<char> end2 = stem[^2..];
            if (end2.SequenceEqual("ات"))
            {
                inflection = 2;
                var b = Nominal(_lexicon.Lookup(stem[..^2]));
                if (b.Found) return b;
                baseTeh = true;
                return Nominal(WithTehMarbuta(stem[..^2], buffer));
            }
            if (end2.SequenceEqual("ون") || end2.SequenceEqual("ين") || end2.SequenceEqual("ان"))
            {
                inflection = 2;
                var b = _lexicon.Lookup(stem[..^2]);
                if (b.Is(StemKinds.Noun) || (b.Is(StemKinds.Verb) && end2[0] != ArabicLetters.Alef)) return b;
                // Feminine dual: مدينتان / مدينتين → مدينة.
                (inflection, baseTeh) = (3, true);
                if (n >= 6 && stem[^3] == ArabicLetters.Teh && Nominal(WithTehMarbuta(stem[..^3], buffer)) is { Found: true } d) return d;
                (inflection, baseTeh) = (0, false);
            }
            if (end2.SequenceEqual("وا") || end2.SequenceEqual("تا") || end2.SequenceEqual("تم") || end2.SequenceEqual("تن"))
            {
                inflection = 2;
                if (Verbal(_lexicon.Lookup(stem[..^2])) is { Found: true } v) return v;
                inflection = 0;
            }
        }
        if (n >= 4)
        {
            inflection = 1;
            var b = _lexicon.Lookup(stem[..^1]);
            // سعودية → سعودي، لبناني → لبنان; not as an inflection of a word of its own (لجنة is no form of لجن).
            if (last is ArabicLetters.TehMarbuta or ArabicLetters.Yeh && !skipDirect)
                return Nominal(b);
            if (last is ArabicLetters.Teh or ArabicLetters.Noon) // قالت، كانت، يكتبن
                return Verbal(b);
            // The dual's alif (قالا، التقيا) only on a verb that is no noun: after a noun it is the accusative.
            if (last == ArabicLetters.Alef && !b.Is(StemKinds.Noun))
                return Verbal(b);
        }
        inflection = 0;
        return default;
    }

    private static StemEntry Nominal(StemEntry e) => e.Is(StemKinds.Noun) ? e : default;

    private static StemEntry Verbal(StemEntry e) => e.Is(StemKinds.Verb) ? e : default;

    private StemEntry WithTehMarbuta(ReadOnlySpan<char> stem, Span<char> buffer) => WithLast(stem, ArabicLetters.TehMarbuta, buffer);

    private StemEntry WithLast(ReadOnlySpan<char> stem, char last, Span<char> buffer)
    {
        if (stem.Length < MinStem || stem.Length >= buffer.Length) return default;
        stem.CopyTo(buffer);
        buffer[stem.Length] = last;
        return _lexicon.Lookup(buffer[..(stem.Length + 1)]);
    }
}
