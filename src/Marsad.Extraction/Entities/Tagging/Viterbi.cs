using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        int last = 0;
        float top = float.NegativeInfinity;
        for (int b = 0; b < t; b++)
            if (score[(n - 1) * t + b] > top) { top = score[(n - 1) * t + b]; last = b; }
        output[n - 1] = last;
        for (int k = n - 1; k > 0; k--) output[k - 1] = back[k * t + output[k]];
    }
}
