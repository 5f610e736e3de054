using Marsad.Analysis;

namespace Marsad.Extraction.Entities;

/// <summary>How a mention was found.</summary>
public enum MentionKind : byte
{
    /// <summary>A name: from the gazetteer or the organisation list, or found by a rule.</summary>
    Name,
    /// <summary>A nationality or demonym form standing for its place (المغربية → Morocco); not a name in NER terms.</summary>
    Demonym,
    /// <summary>A surname or short form of a person named in full earlier.</summary>
    ShortForm,
    /// <summary>An alias given in parentheses right after a name.</summary>
    Alias,
}

/// <summary>One mention with the tokens it covers (indexes into <see cref="AnalyzedDocument.Tokens"/>, end exclusive).</summary>
public readonly record struct EntityMention(string EntityId, int Start, int End, int TokenStart, int TokenEnd, MentionKind Kind);

/// <summary>A name that is not a person, organisation or place (NER's MISC): a currency, religion, war, competition, prize.</summary>
public readonly record struct OtherName(int Start, int End, int TokenStart, int TokenEnd, string Category, string Code);

/// <summary>
/// Left by the entity stage in <see cref="AnalyzedDocument.Items"/> (<c>document.GetItem&lt;EntityMentionIndex&gt;()</c>):
/// every mention with its kind and tokens, and a token → entity id map for later stages (events, relations).
/// </summary>
public sealed class EntityMentionIndex
{
    private readonly string?[] _byToken;

    public EntityMentionIndex(int tokenCount, IReadOnlyList<EntityMention> mentions, IReadOnlyList<OtherName>? otherNames = null)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        Mentions = mentions;
        OtherNames = otherNames ?? [];
        _byToken = new string?[tokenCount];
        foreach (var m in mentions)
            for (int t = m.TokenStart; t < m.TokenEnd && t < tokenCount; t++) _byToken[t] = m.EntityId;
    }

    /// <summary>Currencies, religions, wars, competitions and prizes named in the text (not entities), in text order.</summary>
    public IReadOnlyList<OtherName> OtherNames { get; }

    /// <summary>All mentions in text order.</summary>
    public IReadOnlyList<EntityMention> Mentions { get; }

    /// <summary>The id of the entity token <paramref name="tokenIndex"/> belongs to, or null.</summary>
    public string? EntityAt(int tokenIndex) =>
        tokenIndex >= 0 && tokenIndex < _byToken.Length ? _byToken[tokenIndex] : null;
}
