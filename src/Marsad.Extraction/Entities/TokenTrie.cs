using System.Collections.Frozen;

namespace Marsad.Extraction.Entities;

/// <summary>What a trie match stands for.</summary>
internal enum MatchKind : byte
{
    /// <summary>A name of a place or organisation.</summary>
    Name,
    /// <summary>A name that is also a common word: counts only after a place word (مدينة، محافظة …).</summary>
    WeakName,
    /// <summary>A nationality or demonym form of a place (مغربي، المغاربة).</summary>
    Demonym,
    /// <summary>An organisation's Latin acronym (CNN, NATO): counts only written in capitals, as the list has it.</summary>
    Acronym,
}

/// <summary>Whether the first word of a name carries the article.</summary>
internal enum ArticleRule : byte
{
    Any,
    Required,
    Forbidden,
}

internal readonly record struct TriePayload(int Target, MatchKind Kind, ArticleRule Article);

/// <summary>
/// A trie over folded words (<see cref="Places.NameFolding"/>), built once and frozen. Words are interned to
/// ids; an edge is a (node, word id) pair in one frozen table, so a lookup costs two hash probes and
/// no allocation (span lookups through the alternate comparer). The first word of every name is kept
/// without its article (the article rule is in the payload) so clitic-carrying words match it.
/// </summary>
internal sealed class TokenTrie
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly FrozenDictionary<string, int> _words;
    private readonly FrozenDictionary<long, int> _edges;
    private readonly TriePayload[][] _payloads;

    private TokenTrie(FrozenDictionary<string, int> vocab, FrozenDictionary<long, int> edges, TriePayload[][] payloads)
    {
        _words = vocab;
        _vocab = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _edges = edges;
        _payloads = payloads;
    }

    public const int Root = 0;

    /// <summary>Every word of the trie with its id.</summary>
    public IEnumerable<KeyValuePair<string, int>> Vocabulary => _words;

    /// <summary>The id of a folded word, or -1 when no name has it.</summary>
    public int WordId(ReadOnlySpan<char> folded) => _vocab.TryGetValue(folded, out int id) ? id : -1;

    /// <summary>The node reached from <paramref name="node"/> by <paramref name="wordId"/>, or -1.</summary>
    public int Next(int node, int wordId) =>
        wordId < 0 ? -1 : _edges.TryGetValue(((long)node << 32) | (uint)wordId, out int n) ? n : -1;

    public ReadOnlySpan<TriePayload> Payloads(int node) => _payloads[node];

    public sealed class Builder
    {
        private readonly Dictionary<string, int> _vocab = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _edges = [];
        private readonly List<List<TriePayload>?> _payloads = [null];

        /// <summary>Adds a name given as folded words; the first word must already be without its article.</summary>
        public void Add(IReadOnlyList<string> words, TriePayload payload)
        {
            if (words.Count == 0) return;
            int node = Root;
            foreach (var w in words)
            {
                if (!_vocab.TryGetValue(w, out int id)) _vocab[w] = id = _vocab.Count;
                long edge = ((long)node << 32) | (uint)id;
                if (!_edges.TryGetValue(edge, out int next))
                {
                    next = _payloads.Count;
                    _payloads.Add(null);
                    _edges[edge] = next;
                }
                node = next;
            }
            var list = _payloads[node] ??= [];
            if (!list.Contains(payload)) list.Add(payload);
        }

        public TokenTrie Build() => new(
            _vocab.ToFrozenDictionary(StringComparer.Ordinal),
            _edges.ToFrozenDictionary(),
            [.. _payloads.Select(p => p is null ? [] : p.ToArray())]);
    }
}
