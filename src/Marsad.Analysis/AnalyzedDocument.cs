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
        var sb = new StringBuilder(input.Title.Length + (input.Subtitle?.Length ?? 0) + input.Body.Length + 4);
        sb.Append(input.Title);
        TitleRange = new TextRange(0, input.Title.Length);
        if (!string.IsNullOrEmpty(input.Subtitle))
        {
            sb.Append(PartSeparator);
            int s = sb.Length;
            sb.Append(input.Subtitle);
            SubtitleRange = new TextRange(s, sb.Length);
        }
        if (sb.Length > 0 && input.Body.Length > 0) sb.Append(PartSeparator);
        int b = sb.Length;
        sb.Append(input.Body);
        BodyRange = new TextRange(b, sb.Length);
        Text = sb.ToString();
        Input = input;
        Document = new DocumentInfo
        {
            Id = ComputeId(input.Body.Length > 0 ? input.Body : input.Title),
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

    /// <summary>Document id: sha256 of the body at Matching level with white space folded, hex, 16 chars.</summary>
    public static string ComputeId(string body)
    {
        string norm = ArabicNormalizer.Normalize(body, NormalizationLevel.Matching);
        var sb = new StringBuilder(norm.Length);
        bool space = false;
        foreach (char c in norm)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
