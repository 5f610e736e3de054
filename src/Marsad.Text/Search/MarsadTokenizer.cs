using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Marsad.Text.Search;

/// <summary>
/// Lucene adapter over <see cref="ArabicTokenizer"/>: emits words, numbers, URLs and e-mail addresses
/// (hashtags and mentions as their '_'-separated words, without '#'/'@'), skips punctuation and symbols.
/// Offsets point into the original text, so the highlighter can mark the words as written.
/// </summary>
public sealed class MarsadTokenizer : Tokenizer
{
    /// <summary>Token types written to <see cref="ITypeAttribute"/>.</summary>
    public const string WordType = "<WORD>", NumberType = "<NUM>", UrlType = "<URL>", EmailType = "<EMAIL>";

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;

    // The whole input, read once per document and reused across documents.
    private char[] _text = new char[4096];
    private int _length = -1;
    private int _position;
    // Inside a hashtag or mention: the next part starts at _partStart and the tag ends at _partEnd.
    private int _partStart, _partEnd;

    public MarsadTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_length < 0) Fill();
        ClearAttributes();
        var text = new ReadOnlySpan<char>(_text, 0, _length);
        while (true)
        {
            if (_partStart < _partEnd && NextPart(text)) return true;
            if (!ArabicTokenizer.TryNext(text, ref _position, out var token)) return false;
            switch (token.Kind)
            {
                case TokenKind.ArabicWord or TokenKind.LatinWord or TokenKind.MixedWord:
                    Emit(token.Start, token.End, WordType);
                    return true;
                case TokenKind.Number:
                    Emit(token.Start, token.End, NumberType);
                    return true;
                case TokenKind.Url:
                    Emit(token.Start, token.End, UrlType);
                    return true;
                case TokenKind.Email:
                    Emit(token.Start, token.End, EmailType);
                    return true;
                case TokenKind.Hashtag or TokenKind.Mention:
                    _partStart = token.Start + 1;
                    _partEnd = token.End;
                    continue;
                default:
                    continue; // punctuation and symbols are not indexed
            }
        }
    }

    private bool NextPart(ReadOnlySpan<char> text)
    {
        while (_partStart < _partEnd && text[_partStart] == '_') _partStart++;
        if (_partStart >= _partEnd) return false;
        int end = text[_partStart.._partEnd].IndexOf('_');
        end = end < 0 ? _partEnd : _partStart + end;
        Emit(_partStart, end, WordType);
        _partStart = end;
        return true;
    }

    private void Emit(int start, int end, string type)
    {
        _term.CopyBuffer(_text, start, end - start);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _type.Type = type;
    }

    private void Fill()
    {
        int n = 0;
        while (true)
        {
            if (n == _text.Length) Array.Resize(ref _text, _text.Length * 2);
            int read = m_input.Read(_text, n, _text.Length - n);
            if (read <= 0) break;
            n += read;
        }
        _length = n;
    }

    public override void End()
    {
        base.End();
        int final = CorrectOffset(Math.Max(_length, 0));
        _offset.SetOffset(final, final);
    }

    public override void Reset()
    {
        base.Reset();
        _length = -1;
        _position = 0;
        _partStart = _partEnd = 0;
    }
}
