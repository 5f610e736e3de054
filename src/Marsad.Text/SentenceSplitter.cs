using System.Collections.Frozen;

namespace Marsad.Text;

/// <summary>
/// Splits text into sentences as offset ranges (leading and trailing white space excluded).
/// A sentence ends at . ! ? ؟ … (and a closing quote or bracket right after), at a blank line,
/// and at a single line break unless the line is visibly unfinished: it ends in a word that
/// cannot end a sentence (الذي، في، و…) or in a comma, as when a paragraph was broken mid-sentence.
/// A dot between digits (3.5) or after a lone letter (د.) does not end a sentence.
/// </summary>
public static class SentenceSplitter
{
    // Words after which a sentence cannot end: relative pronouns, prepositions, conjunctions.
    private static readonly FrozenSet<string> Continuations = new[]
    {
        "الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي", "والذي", "والتي", "والذين",
        "في", "من", "على", "الى", "عن", "مع", "الي", "حتى", "منذ", "بين", "عند", "نحو", "لدى", "خلال", "ضد",
        "و", "او", "ثم", "لكن", "بل", "ان", "أن", "إن", "كان", "قد", "لقد", "لم", "لن", "ما", "لا", "كما", "حيث",
        "بعد", "قبل", "فوق", "تحت", "امام", "وراء", "عبر", "اذا", "اذ", "لان", "كي", "لكي", "التابعة", "التابع",
    }.Select(w => ArabicNormalizer.Normalize(w, NormalizationLevel.Matching)).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContinuationLookup =
        Continuations.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<TextRange> Split(ReadOnlySpan<char> text)
    {
        var result = new List<TextRange>();
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int cut = -1;
            if (c is '.' or '!' or '?' or '؟' or '…' or '۔')
            {
                int j = i + 1;
                while (j < text.Length && text[j] is '.' or '!' or '?' or '؟' or '…') j++;
                if (c == '.' && j == i + 1 && IsNonTerminalDot(text, i))
                {
                    i++;
                    continue;
                }
                while (j < text.Length && text[j] is '"' or '\'' or '»' or ')' or ']' or '”' or '’') j++;
                if (j >= text.Length || ArabicTokenizer.IsSpace(text[j]) || text[j] is '"' or '«' or '(')
                    cut = j;
                else { i = j; continue; }
            }
            else if (c == '\n')
            {
                int j = i + 1;
                bool blank = false;
                while (j < text.Length && ArabicTokenizer.IsSpace(text[j]))
                {
                    if (text[j] == '\n') blank = true;
                    j++;
                }
                if (blank || !LineIsUnfinished(text[start..i]))
                    cut = i;
            }
            if (cut >= 0)
            {
                Add(result, text, start, cut);
                start = cut;
                i = cut;
                if (i < text.Length && text[i] != '\n') continue;
            }
            i++;
        }
        Add(result, text, start, text.Length);
        return result;
    }

    private static void Add(List<TextRange> result, ReadOnlySpan<char> text, int start, int end)
    {
        while (start < end && ArabicTokenizer.IsSpace(text[start])) start++;
        while (end > start && ArabicTokenizer.IsSpace(text[end - 1])) end--;
        if (end > start) result.Add(new TextRange(start, end));
    }

    private static bool IsNonTerminalDot(ReadOnlySpan<char> text, int i)
    {
        // 3.5 and 1.2.3
        if (i > 0 && i + 1 < text.Length && ArabicLetters.IsDigit(text[i - 1]) && ArabicLetters.IsDigit(text[i + 1]))
            return true;
        // A single letter before the dot is an abbreviation (د. أحمد, U.S.).
        return i > 0 && char.IsLetter(text[i - 1]) && (i == 1 || !char.IsLetter(text[i - 2]));
    }

    private static bool LineIsUnfinished(ReadOnlySpan<char> line)
    {
        line = line.TrimEnd();
        if (line.IsEmpty) return false;
        char last = line[^1];
        if (last is '،' or ',' or '؛' or ';' or ':' or '-' or '(' or '«') return true;
        int k = line.Length;
        while (k > 0 && !ArabicTokenizer.IsSpace(line[k - 1])) k--;
        var word = line[k..];
        if (word.Length > 16) return false;
        Span<char> buf = stackalloc char[16 * ArabicNormalizer.MaxExpansion];
        int n = ArabicNormalizer.Normalize(word, buf, NormalizationLevel.Matching);
        return ContinuationLookup.Contains(buf[..n]);
    }
}
