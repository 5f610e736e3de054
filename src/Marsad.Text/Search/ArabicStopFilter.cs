using System.Collections.Frozen;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Marsad.Text.Search;

/// <summary>
/// Drops stop words (search-normal form). Same job as Lucene's StopFilter, but the set is a .NET
/// <see cref="FrozenSet{T}"/> looked up by span, which for a list this small (≈ 150 words) is a length
/// check and a short comparison; position increments of removed words are kept by the base class.
/// </summary>
public sealed class ArabicStopFilter : FilteringTokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopWords;
    private readonly int _maxLength;

    public ArabicStopFilter(Lucene.Net.Analysis.TokenStream input, FrozenSet<string> stopWords)
        : base(LuceneVersion.LUCENE_48, input)
    {
        ArgumentNullException.ThrowIfNull(stopWords);
        _term = AddAttribute<ICharTermAttribute>();
        _stopWords = stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = stopWords.Count == 0 ? 0 : stopWords.Max(w => w.Length);
    }

    protected override bool Accept()
    {
        int length = _term.Length;
        return length > _maxLength || !_stopWords.Contains(new ReadOnlySpan<char>(_term.Buffer, 0, length));
    }
}
