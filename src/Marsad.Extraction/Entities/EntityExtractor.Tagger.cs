using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Entities.Tagging;

namespace Marsad.Extraction.Entities;

/// <summary>Tagger and lists together: the model's spans become mentions, keyed by the gazetteer and lexicons where a list knows the name.</summary>
internal sealed partial class EntityExtractor
{
    private readonly List<(int T0, int T1)> _taggedMisc = [];

    /// <summary>Runs the model over the document and adds each tagged span (PERS, LOC, ORG; MISC as an other name).</summary>
    private void TaggedSpans(NerModel model)
    {
        var tags = new int[_t.Length];
        DocumentTagger.Tag(model, _facts, tags);
        var set = model.Tags;
        for (int i = 0; i < tags.Length;)
        {
            if (tags[i] == 0) { i++; continue; }
            int j = i + 1;
            while (j < tags.Length && set.IsInside(tags[j]) && _t[j].Sentence == _t[i].Sentence) j++;
            AddTagged(i, j, set.TypeOf(tags[i]));
            i = j;
        }
    }

    private void AddTagged(int t0, int t1, string tagType)
    {
        // punctuation at the edges of a span is not part of the name
        while (t0 < t1 && !_t[t0].Word) t0++;
        while (t1 > t0 && !_t[t1 - 1].Word) t1--;
        if (t1 <= t0) return;
        if (tagType == "MISC")
        {
            _taggedMisc.Add((t0, t1));
            for (int k = t0; k < t1; k++) _covered[k] = TakenByOtherName;
            return;
        }
        string type = tagType switch { "PERS" => EntityTypes.Person, "LOC" => EntityTypes.Location, "ORG" => EntityTypes.Organisation, _ => "" };
        if (type.Length == 0) return;
        // The span's name in the lists: the whole span, the span without a trailing demonym, or without a
        // leading descriptor word (مدينة، حركة …).
        int at = -1;
        if (_lexAt[t0].End == t1) at = t0;
        else if (_lexAt[t0].End == t1 - 1 && t1 - t0 >= 2 && _lexAt[t1 - 1].End == t1 && _lexAt[t1 - 1].Payload.Kind == MatchKind.Demonym) at = t0;
        else if (t1 - t0 >= 2 && _lexAt[t0 + 1].End == t1 && Has(t0, WordClass.PlaceWord | WordClass.OrgTrigger | WordClass.OrgIntro)) at = t0 + 1;
        if (at >= 0)
        {
            var lx = _lexAt[at];
            var target = _lex.Targets[lx.Payload.Target];
            // A list entry of another type is kept only where the lists are sure of it: a place tagged as an
            // organisation (a country's team, a government) keeps the tagger's type and no key.
            if (target.Type == type || (type != EntityTypes.Person && target.Type != EntityTypes.Person && lx.End - at >= 2))
            {
                AddRaw(t0, t1, t0 == at ? lx.Analysis.Offset : _t[t0].Best.Offset, target.Type, target.Subtype, lx.Payload.Target,
                    MentionKind.Name, "K:" + target.Key, target.Country);
                return;
            }
        }
        if (type == EntityTypes.Person)
        {
            AddPerson(t0, t1);
            return;
        }
        var sig = new StringBuilder();
        for (int k = t0; k < t1; k++)
        {
            if (k > t0) sig.Append('|');
            sig.Append(Bare(k));
        }
        string subtype = type == EntityTypes.Organisation ? "organisation" : "other";
        AddRaw(t0, t1, _t[t0].Best.Offset, type, subtype, -1, MentionKind.Name, (type == EntityTypes.Organisation ? "S:" : "L:") + sig, null);
    }
}
