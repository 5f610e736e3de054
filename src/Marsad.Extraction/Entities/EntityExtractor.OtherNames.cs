using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

internal sealed partial class EntityExtractor
{
    /// <summary>Currencies, religions, wars, competitions, prizes on the words no entity took (longest first).</summary>
    private List<OtherName> OtherNames()
    {
        var list = new List<OtherName>();
        var trie = _lex.MiscTrie;
        Span<Reading> buf = stackalloc Reading[TokenFacts.MaxReadings];
        for (int i = 0; i < _t.Length; i++)
        {
            if (_covered[i] >= 0 || !_t[i].Arabic || _t[i].MiscMask == 0) continue; // the lists name what the tagger called MISC
            int count = TokenFacts.Readings(_t[i].Folded, buf);
            int bestEnd = 0, bestTarget = -1, bestOffset = 0;
            for (int a = 0; a < count; a++)
            {
                if ((_t[i].MiscMask & (1 << a)) == 0) continue;
                int node = trie.Next(TokenTrie.Root, trie.WordId(_t[i].Folded.AsSpan(buf[a].Offset)));
                for (int j = i; node >= 0;)
                {
                    foreach (var p in trie.Payloads(node))
                    {
                        if ((p.Article == ArticleRule.Required && !buf[a].Article) || (p.Article == ArticleRule.Forbidden && buf[a].Article)) continue;
                        if (j + 1 > bestEnd) { bestEnd = j + 1; bestTarget = p.Target; bestOffset = buf[a].Offset; }
                    }
                    j++;
                    if (!SameSentence(i, j) || _covered[j] >= 0) break;
                    node = trie.Next(node, _t[j].MiscFullId); // ids are per trie
                }
            }
            if (bestTarget < 0) continue;
            var f = _t[i].Folded;
            if (bestOffset >= 2 && f[bestOffset - 2] == ArabicLetters.Alef && f[bestOffset - 1] == ArabicLetters.Lam) bestOffset -= 2;
            var (category, code) = _lex.MiscTargets[bestTarget];
            list.Add(new OtherName(CharAt(i, bestOffset), _doc.Tokens[bestEnd - 1].End, i, bestEnd, category, code));
            i = bestEnd - 1;
        }
        // names the tagger called MISC that no list knows
        int listed = list.Count;
        foreach (var (t0, t1) in _taggedMisc)
        {
            bool known = false;
            for (int k = 0; k < listed && !known; k++) known = list[k].TokenStart < t1 && t0 < list[k].TokenEnd;
            if (known) continue;
            var f = _t[t0].Folded;
            int offset = _t[t0].Best.Offset;
            if (offset >= 2 && f[offset - 2] == ArabicLetters.Alef && f[offset - 1] == ArabicLetters.Lam) offset -= 2;
            list.Add(new OtherName(CharAt(t0, offset), _doc.Tokens[t1 - 1].End, t0, t1, "other", ""));
        }
        if (_taggedMisc.Count > 0) list.Sort((a, b) => a.Start.CompareTo(b.Start));
        return list;
    }

}
