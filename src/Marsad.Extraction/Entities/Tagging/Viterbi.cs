namespace Marsad.Extraction.Entities.Tagging;

/// <summary>
/// First-order Viterbi decoding under the tag set's constraints: a forbidden transition (I-X after O or
/// after another type, I- at the start) is never taken, so every decoded sequence is valid BIO.
/// </summary>
public static class Viterbi
{
    /// <param name="emit">Score of tag t at token k at <c>emit[k * T + t]</c>.</param>
    /// <param name="trans">Score of previous tag a then tag b at <c>trans[a * T + b]</c>; row T holds the scores at the start.</param>
    public static void Decode(TagSet tags, ReadOnlySpan<float> emit, int n, ReadOnlySpan<float> trans, Span<float> score, Span<int> back, Span<int> output)
    {
        int t = tags.Count;
        if (n == 0) return;
        for (int b = 0; b < t; b++)
            score[b] = tags.AllowedAtStart(b) ? emit[b] + trans[t * t + b] : float.NegativeInfinity;
        for (int k = 1; k < n; k++)
        {
            var prev = score.Slice((k - 1) * t, t);
            for (int b = 0; b < t; b++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int a = 0; a < t; a++)
                {
                    if (!tags.Allowed(a, b) || float.IsNegativeInfinity(prev[a])) continue;
                    float s = prev[a] + trans[a * t + b];
                    if (s > best) { best = s; arg = a; }
                }
                score[k * t + b] = best + emit[k * t + b];
                back[k * t + b] = arg;
            }
        }
        int last = 0;
        float top = float.NegativeInfinity;
        for (int b = 0; b < t; b++)
            if (score[(n - 1) * t + b] > top) { top = score[(n - 1) * t + b]; last = b; }
        output[n - 1] = last;
        for (int k = n - 1; k > 0; k--) output[k - 1] = back[k * t + output[k]];
    }
}
