using Marsad.Analysis;

namespace Marsad.Extraction.Times;

/// <summary>
/// Look-ups over a document's <see cref="AnalyzedDocument.Times"/> (sorted by <see cref="TimeAnnotation.Start"/>,
/// never overlapping), for later stages such as events: "which time is in this sentence / near this trigger".
/// </summary>
public static class TimeQueries
{
    /// <summary>The times lying wholly inside [<paramref name="start"/>, <paramref name="end"/>), in text order.</summary>
    public static IEnumerable<TimeAnnotation> Within(this IReadOnlyList<TimeAnnotation> times, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(times);
        for (int k = LowerBound(times, start); k < times.Count && times[k].Start < end; k++)
            if (times[k].End <= end) yield return times[k];
    }

    /// <summary>The first time wholly inside [<paramref name="start"/>, <paramref name="end"/>), or null.</summary>
    public static TimeAnnotation? FirstWithin(this IReadOnlyList<TimeAnnotation> times, int start, int end) =>
        times.Within(start, end).FirstOrDefault();

    /// <summary>
    /// The time inside [<paramref name="start"/>, <paramref name="end"/>) closest to <paramref name="offset"/>
    /// (e.g. an event trigger), preferring one after it on a tie; null when the span has none.
    /// </summary>
    public static TimeAnnotation? NearestWithin(this IReadOnlyList<TimeAnnotation> times, int start, int end, int offset)
    {
        TimeAnnotation? best = null;
        int bestDistance = int.MaxValue;
        foreach (var t in times.Within(start, end))
        {
            int d = t.Start >= offset ? t.Start - offset : offset - t.End;
            if (d < bestDistance) { best = t; bestDistance = d; }
        }
        return best;
    }

    /// <summary>The time covering <paramref name="offset"/>, or null.</summary>
    public static TimeAnnotation? At(this IReadOnlyList<TimeAnnotation> times, int offset)
    {
        ArgumentNullException.ThrowIfNull(times);
        int k = LowerBound(times, offset + 1) - 1;
        return k >= 0 && times[k].Start <= offset && offset < times[k].End ? times[k] : null;
    }

    /// <summary>Index of the first time starting at or after <paramref name="start"/>.</summary>
    private static int LowerBound(IReadOnlyList<TimeAnnotation> times, int start)
    {
        int lo = 0, hi = times.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (times[mid].Start < start) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
