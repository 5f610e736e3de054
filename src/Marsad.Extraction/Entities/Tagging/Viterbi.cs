using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        if (emit.Length < n * t || score.Length < n * t || back.Length < n * t || output.Length < n || trans.Length < (t + 1) * t)
            throw new ArgumentException("buffers shorter than the sentence");
        for (int b = 0; b < t; b++)
            score[b] = tags.AllowedAtStart(b) ? emit[b] + trans[t * t + b] : float.NegativeInfinity;
        if (t <= Vector512<float>.Count && Vector512.IsHardwareAccelerated)
        {
            DecodeWide(tags, emit, n, trans, score, back);
            Backtrack(t, n, score, back, output);
            return;
        }
        // Lengths are checked above: the inner loop reads through refs, over only the allowed predecessors
        // (an I-X has two, not T). A predecessor at -inf never wins (-inf is not above -inf), as before.
        ref float sc = ref MemoryMarshal.GetReference(score);
        ref readonly float em = ref MemoryMarshal.GetReference(emit);
        ref readonly float tr = ref MemoryMarshal.GetReference(trans);
        ref int bk = ref MemoryMarshal.GetReference(back);
        for (int k = 1; k < n; k++)
        {
            ref float prev = ref Unsafe.Add(ref sc, (k - 1) * t);
            ref float cur = ref Unsafe.Add(ref sc, k * t);
            for (int b = 0; b < t; b++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                foreach (int a in tags.Predecessors(b))
                {
                    float s = Unsafe.Add(ref prev, a) + Unsafe.Add(ref Unsafe.AsRef(in tr), a * t + b);
                    if (s > best) { best = s; arg = a; }
                }
                Unsafe.Add(ref cur, b) = best + Unsafe.Add(ref Unsafe.AsRef(in em), k * t + b);
                Unsafe.Add(ref bk, k * t + b) = arg;
            }
        }
        Backtrack(t, n, score, back, output);
    }

    private static void Backtrack(int t, int n, ReadOnlySpan<float> score, ReadOnlySpan<int> back, Span<int> output)
    {
        int last = 0;
        float top = float.NegativeInfinity;
        for (int b = 0; b < t; b++)
            if (score[(n - 1) * t + b] > top) { top = score[(n - 1) * t + b]; last = b; }
        output[n - 1] = last;
        for (int k = n - 1; k > 0; k--) output[k - 1] = back[k * t + output[k]];
    }

    /// <summary>
    /// The recursion for all tags of a token at once (one lane per tag): predecessors in increasing order, a
    /// forbidden one scored -inf (which never beats the running best, as the scalar loop never visits it), so
    /// every sum, comparison and tie is the scalar loop's.
    /// </summary>
    private static void DecodeWide(TagSet tags, ReadOnlySpan<float> emit, int n, ReadOnlySpan<float> trans, Span<float> score, Span<int> back)
    {
        int t = tags.Count, w = Vector512<float>.Count;
        Span<float> tr = stackalloc float[t * w];
        for (int a = 0; a < t; a++)
            for (int b = 0; b < w; b++)
                tr[a * w + b] = b < t && tags.Allowed(a, b) ? trans[a * t + b] : float.NegativeInfinity;
        Span<float> row = stackalloc float[w];
        Span<int> arg = stackalloc int[w];
        for (int k = 1; k < n; k++)
        {
            var prev = score.Slice((k - 1) * t, t);
            var best = Vector512.Create(float.NegativeInfinity);
            var from = Vector512<int>.Zero;
            for (int a = 0; a < t; a++)
            {
                var s = Vector512.Create(prev[a]) + Vector512.Create<float>(tr.Slice(a * w, w));
                var gt = Vector512.GreaterThan(s, best);
                best = Vector512.ConditionalSelect(gt, s, best);
                from = Vector512.ConditionalSelect(gt.AsInt32(), Vector512.Create(a), from);
            }
            best.CopyTo(row);
            from.CopyTo(arg);
            var em = emit.Slice(k * t, t);
            var cur = score.Slice(k * t, t);
            var bk = back.Slice(k * t, t);
            for (int b = 0; b < t; b++)
            {
                cur[b] = row[b] + em[b];
                bk[b] = arg[b];
            }
        }
    }
}
