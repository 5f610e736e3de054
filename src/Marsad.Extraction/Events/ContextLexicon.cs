using Marsad.Extraction.Data;
using System.Collections.Frozen;
using Marsad.Text;

namespace Marsad.Extraction.Events;

/// <summary>Context cue words (Data/events/contexts.tsv): an event's context is the one with most cues in its sentence.</summary>
public sealed class ContextLexicon
{
    private readonly string[] _names;
    private readonly FrozenDictionary<string, int> _cues;
    private readonly SpanFilter _filter = new();

    public static ContextLexicon Default { get; } = LoadEmbedded();

    private ContextLexicon(string[] names, FrozenDictionary<string, int> cues)
    {
        _names = names;
        _cues = cues;
        foreach (var k in cues.Keys) _filter.Add(k);
    }

    public IReadOnlyList<string> Names => _names;

    public static ContextLexicon LoadEmbedded()
    {
        using var stream = typeof(ContextLexicon).Assembly.GetManifestResourceStream("Marsad.Extraction.Data.events.contexts.tsv")
            ?? throw new InvalidOperationException("embedded resource contexts.tsv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static ContextLexicon Parse(string tsv)
    {
        var names = new List<string>();
        var cues = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, cols) in TsvRows.Read(tsv, "contexts.tsv", 2))
        {
            names.Add(cols[0]);
            foreach (var w in cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                cues.TryAdd(ArabicNormalizer.Normalize(w, NormalizationLevel.Matching), names.Count - 1);
        }
        return new ContextLexicon([.. names], cues.ToFrozenDictionary(StringComparer.Ordinal));
    }

    internal string? ContextOf(AnnotationIndex ix, int sentence)
    {
        var (start, end) = ix.SentenceTokens[sentence];
        if (start < 0) return null;
        Span<int> counts = stackalloc int[_names.Length];
        counts.Clear();
        for (int i = start; i < end; i++)
        {
            var t = ix.Tokens[i];
            if (!t.IsArabic) continue;
            if ((_filter.MayContain(t.Stem) && _cues.TryGetValue(t.Stem, out int c)) || (_filter.MayContain(t.Norm) && _cues.TryGetValue(t.Norm, out c))) counts[c]++;
        }
        int best = -1;
        for (int c = 0; c < counts.Length; c++)
            if (counts[c] > 0 && (best < 0 || counts[c] > counts[best])) best = c;
        return best < 0 ? null : _names[best];
    }
}
