using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Marsad.Text;

namespace Marsad.Analysis;

public sealed record DocumentInfo
{
    /// <summary>sha256 of the normalised body, hex, first 16 chars.</summary>
    public required string Id { get; init; }
    public string? Source { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public DateOnly? Published { get; init; }
    public string Language { get; init; } = "ar";
    public string? Url { get; init; }
    public string? Outlet { get; init; }
    public string? Category { get; init; }
    public string? Author { get; init; }
    public string? ExternalId { get; init; }
}

/// <summary>
/// The untouched document text and the stand-off layers that stages add to it. Stages run in
/// order and each writes only its own layer(s); offsets always index <see cref="Text"/>.
/// </summary>
public sealed class AnalyzedDocument
{
    public const string PartSeparator = "\n\n";

    public AnalyzedDocument(ArticleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // One concatenation, no builder: the text is the largest allocation of the document.
        string title = input.Title, subtitle = input.Subtitle ?? "", body = input.Body;
        TitleRange = new TextRange(0, title.Length);
        int length = title.Length;
        string sep1 = "";
        if (subtitle.Length > 0)
        {
            sep1 = PartSeparator;
            SubtitleRange = new TextRange(length + sep1.Length, length + sep1.Length + subtitle.Length);
            length += sep1.Length + subtitle.Length;
        }
        string sep2 = length > 0 && body.Length > 0 ? PartSeparator : "";
        BodyRange = new TextRange(length + sep2.Length, length + sep2.Length + body.Length);
        Text = string.Concat([title, sep1, subtitle, sep2, body]);
        Input = input;
        Document = new DocumentInfo
        {
            Id = IdOf(input),
            Source = input.Source,
            Title = input.Title,
            Subtitle = string.IsNullOrEmpty(input.Subtitle) ? null : input.Subtitle,
            Published = input.Published,
            Language = input.Language,
            Url = input.Url,
            Outlet = input.Outlet,
            Category = input.Category,
            Author = input.Author,
            ExternalId = input.ExternalId,
        };
    }

    public ArticleInput Input { get; }
    public DocumentInfo Document { get; }
    public string Text { get; }
    public TextRange TitleRange { get; }
    public TextRange? SubtitleRange { get; }
    public TextRange BodyRange { get; }

    public List<TextRange> Sentences { get; } = [];
    public List<WordToken> Tokens { get; } = [];
    public List<EntityAnnotation> Entities { get; } = [];
    public List<TimeAnnotation> Times { get; } = [];
    public List<QuantityAnnotation> Quantities { get; } = [];
    public List<EventAnnotation> Events { get; } = [];
    public List<RelationAnnotation> Relations { get; } = [];

    /// <summary>Working data a stage leaves for later stages (keyed by the stage's own type).</summary>
    public Dictionary<Type, object> Items { get; } = [];

    public T? GetItem<T>() where T : class => Items.TryGetValue(typeof(T), out var v) ? (T)v : null;

    public void SetItem<T>(T value) where T : class => Items[typeof(T)] = value;

    public string Slice(int start, int end) => Text[start..end];

    /// <summary>Index of the sentence holding <paramref name="offset"/>, or -1.</summary>
    public int SentenceIndexAt(int offset)
    {
        int lo = 0, hi = Sentences.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = Sentences[mid];
            if (offset < s.Start) hi = mid - 1;
            else if (offset >= s.End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>The document id of an article: that of its body, or of its title when it has no body.</summary>
    public static string IdOf(ArticleInput article) => ComputeId(article.Body.Length > 0 ? article.Body : article.Title);

    /// <summary>Document id: sha256 of the body at Matching level with white space folded, hex, 16 chars.</summary>
    public static string ComputeId(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Normalised and folded in a pooled buffer, then hashed as UTF-8: the same bytes as building the
        // folded string would give, without three body-sized allocations per document.
        var input = body.AsSpan();
        bool work = ArabicNormalizer.NeedsNormalization(input, NormalizationLevel.Matching);
        int max = work ? ArabicNormalizer.MaxOutputLength(input.Length) : input.Length;
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, max));
        byte[]? bytes = null;
        try
        {
            int n = work ? ArabicNormalizer.Normalize(input, chars, NormalizationLevel.Matching) : Copy(input, chars);
            // Runs of white space become one space; none at either end.
            int o = 0;
            bool space = false;
            for (int i = 0; i < n; i++)
            {
                char c = chars[i];
                // Letters of the Arabic block are never white space: one compare instead of a Unicode lookup for most chars.
                if ((c < '\u0600' || c > '\u06FF') && char.IsWhiteSpace(c)) { space = o > 0; continue; }
                if (space) chars[o++] = ' ';
                space = false;
                chars[o++] = c;
            }
            var folded = chars.AsSpan(0, o);
            bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxByteCount(o)));
            int byteCount = Encoding.UTF8.GetBytes(folded, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, byteCount), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
        }

        static int Copy(ReadOnlySpan<char> from, char[] to)
        {
            from.CopyTo(to);
            return from.Length;
        }
    }
}
