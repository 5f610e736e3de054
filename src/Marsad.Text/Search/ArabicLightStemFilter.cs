using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Search;

/// <summary>Applies <see cref="ArabicLightStemmer"/> to each term not marked as a keyword.</summary>
public sealed class ArabicLightStemFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;

    public ArabicLightStemFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        if (!_keyword.IsKeyword)
            _term.Length = ArabicLightStemmer.Stem(_term.Buffer, _term.Length);
        return true;
    }
}
