using System.Text;
using Marsad.Analysis;
using Marsad.Extraction.Places;
using Marsad.Text;

namespace Marsad.Extraction.Entities;

internal sealed partial class EntityExtractor
{
    // ---------------------------------------------------------------- persons

    /// <summary>A title or role (الرئيس، وزير الخارجية المغربي، المتحدث باسم …) followed by a name.</summary>
    private int TryTitle(int i, out int nameStart)
    {
        nameStart = -1;
        bool strong = Has(i, WordClass.StrongTitle);
        // A title without the article is in construct (وزير الخارجية، رئيس وزراء …): its complement comes first.
        bool construct = !_t[i].Best.Article;
        int j = i + 1, comp = 0;
        while (SameSentence(i, j) && comp < 5)
        {
            if ((comp > 0 || !construct || Has(j, WordClass.Given)) && IsNameStart(j, strong || comp > 0 || !construct)) break;
            // an indefinite nisba cannot describe the definite title before it: it is the name (وزير النقل السوداني مكاوي عوض)
            if (comp > 0 && IsNisbaName(j)) break;
            // the name in apposition between commas: «وزيرة الداخلية، أمبر راد،»
            if (comp > 0 && _t[j].Punct is ',' or '،' && IsNameStart(j + 1, true) && NameEnd(j + 1) is int e && e < _t.Length
                && SameSentence(j, e) && _t[e].Punct is ',' or '،')
            {
                j++;
                break;
            }
            ref var tj = ref _t[j];
            if (!tj.Arabic || IsStop(j) && !Bare(j).SequenceEqual("باسم")) break;
            var lex = _lexAt[j];
            if (lex.End > 0) { j = lex.End; comp++; continue; }
            if (tj.Best.Article && tj.Best.Prep is '\0' or ArabicLetters.Lam && !tj.Best.Conj) { j++; comp++; continue; }
            if (Bare(j).SequenceEqual("باسم")) { j++; comp++; continue; }
            if (comp == 0 && !tj.Best.Article && tj.Best.Offset == 0 && SameSentence(i, j + 1) && (_t[j + 1].Best.Article || _lexAt[j + 1].End > 0))
            {
                j++;
                comp++;
                continue;
            }
            break;
        }
        if (!SameSentence(i, j) || !(IsNameStart(j, strong || comp > 0 || !construct) || (comp > 0 && IsNisbaName(j)))) return -1;
        nameStart = j;
        return NameEnd(j);
    }

    /// <summary>
    /// A nisba of the lists without the article, after a definite word and before another name word: an adjective
    /// would agree with the definite word before it, so this is a family name standing first (مكاوي عوض).
    /// </summary>
    private bool IsNisbaName(int j)
    {
        if (j < 1 || !SameSentence(j - 1, j + 1) || !_t[j - 1].Best.Article) return false;
        var lex = _lexAt[j];
        ref var t = ref _t[j];
        return lex.End == j + 1 && lex.Payload.Kind == MatchKind.Demonym && !t.Best.Article && !t.Best.Conj && t.Best.Prep == '\0'
            && IsSurnameWord(j + 1);
    }

    private bool IsNameStart(int j, bool strongContext)
    {
        if (j >= _t.Length) return false;
        ref var t = ref _t[j];
        if (!t.Arabic || IsStop(j) || _lexAt[j].End > 0) return false;
        if (t.Best.Article || t.Best.Conj) return false;
        if ((t.Bare & WordClass.Given) != 0 && (t.Bare & WordClass.Title) == 0) return true;
        // The registry list holds many common words: those ending in ة (ولادة) are nouns far more often than names.
        if ((t.Bare & WordClass.RegistryGiven) != 0 && (t.Bare & WordClass.Title) == 0) return t.Folded[^1] != ArabicLetters.Heh;
        if ((t.Bare & WordClass.Particle) != 0) return SameSentence(j, j + 1) && _t[j + 1].Arabic;
        if (!strongContext || t.Best.Offset != 0 || t.Bare != WordClass.None) return false;
        // the text stage read a clitic and a dictionary stem (لمخازن = ل + مخازن): a word, not a name
        if (_doc.Tokens[j].Proclitics != Proclitics.None && _doc.Tokens[j].StemInLexicon) return false;
        var w = t.Folded;
        // a word in -يا is an adverb (حاليا، رسميا) unless a second name word follows (تانيا ميلر)
        return w.Length >= 3 && w[^1] != ArabicLetters.Heh && w[0] != ArabicLetters.Yeh
            && (!w.EndsWith("يا", StringComparison.Ordinal) || IsSurnameWord(j + 1)) && !LooksLikeCommonWord(w);
    }

    /// <summary>An unknown or given-name word without clitics that can go on with a name.</summary>
    private bool IsSurnameWord(int k)
    {
        if (k >= _t.Length || !SameSentence(k - 1, k)) return false;
        ref var t = ref _t[k];
        return t.Arabic && !IsStop(k) && !t.Best.Article && !t.Best.Conj && t.Best.Prep == '\0' && _lexAt[k].End == 0
            && (Has(k, WordClass.Given | WordClass.RegistryGiven) || (t.Bare == WordClass.None && !_doc.Tokens[k].StemInLexicon));
    }

    /// <summary>
    /// Shapes of Arabic common nouns that an unknown-word rule must not take for a name: verbal nouns
    /// افتعال/انفعال (اقتراح، انتخاب), استفعال (استقبال), تفعيل (تنفيذ), plurals in ات, and a preposition
    /// ب/ل glued to a word of four letters or more (لإطلاق، بالتوازي).
    /// </summary>
    private static bool LooksLikeCommonWord(string w)
    {
        int n = w.Length;
        if (n == 6 && w[0] == ArabicLetters.Alef && w[4] == ArabicLetters.Alef) return true;
        if (n == 7 && w.StartsWith("است", StringComparison.Ordinal) && w[5] == ArabicLetters.Alef) return true;
        if (n == 5 && w[0] == ArabicLetters.Teh && w[3] == ArabicLetters.Yeh && w[4] != ArabicLetters.Alef) return true;
        if (n >= 5 && w.EndsWith("ات", StringComparison.Ordinal)) return true;
        if (n >= 5 && w[0] is ArabicLetters.Beh or ArabicLetters.Lam && w[1] == ArabicLetters.Alef) return true;
        return false;
    }

    /// <summary>Where a name that starts at <paramref name="j"/> ends: given names, بن/أبو/عبد chains, nisba and regnal ordinals, unknown surnames.</summary>
    private int NameEnd(int j)
    {
        int k = j + 1;
        bool needNext = Has(j, WordClass.Particle);
        while (SameSentence(j, k) && k - j < 7)
        {
            ref var t = ref _t[k];
            if (!t.Arabic || IsStop(k) || t.Best.Conj || (t.Best.Prep != '\0' && !needNext)) break;
            var lex = _lexAt[k];
            // a particle's word may itself be a particle: أبو عبد الله، محمد بن عبد الله
            if (needNext) { needNext = Has(k, WordClass.Particle) && !_t[k].Best.Article; k++; continue; }
            if (t.Best.Article)
            {
                var bare = Bare(k);
                bool nisba = bare.Length >= 3 && bare[^1] == ArabicLetters.Yeh && lex.End == 0 && !Has(k, WordClass.OrgStop | WordClass.Stop);
                if ((t.Full & WordClass.NameSuffix) != 0 || Has(k, WordClass.Ordinal) || nisba
                    || (Has(k, WordClass.Given | WordClass.RegistryGiven) && !Has(k, WordClass.NotName) && lex.End == 0))
                {
                    k++;
                    continue;
                }
                // One definite surname right after a given name (توفيق الحكيم، بشار الأسد), unless the word is a
                // known name, a role, a place word or a word that ends names (الماضي، الجديد).
                if (k == j + 1 && Has(j, WordClass.Given) && !Has(j, WordClass.NotName) && lex.End == 0
                    && !Has(k, WordClass.Title | WordClass.OrgTrigger | WordClass.PlaceWord | WordClass.OrgStop | WordClass.Concern | WordClass.Stop))
                {
                    k++;
                    break;
                }
                break;
            }
            if (lex.End > 0 || Has(k, WordClass.Title | WordClass.OrgTrigger | WordClass.PlaceWord | WordClass.Stop | WordClass.OrgStop)) break;
            // ولد between two names is the Mauritanian «son of» (محمد ولد الشيخ)
            if (Has(k, WordClass.Particle) || (Bare(k).SequenceEqual("ولد") && SameSentence(k, k + 1) && _t[k + 1].Arabic && !IsStop(k + 1)))
            {
                needNext = true;
                k++;
                continue;
            }
            // After a definite surname (الدوسري، الحربي) a dictionary word without the article is no more of the
            // name, unless it is a sure given name: it is the role or the sentence going on (الحربي مدافع الهلال).
            if (_t[k - 1].Best.Article && _doc.Tokens[k].StemInLexicon && !Has(k, WordClass.Given)) break;
            bool afterGiven = Has(k - 1, WordClass.Given) && !_t[k - 1].Best.Article;
            if (Has(k - 1, WordClass.Ordinal)) break; // محمد السادس | أهمية
            if (!Has(k, WordClass.Given | WordClass.RegistryGiven)
                && (t.Folded[0] == ArabicLetters.Yeh || (!afterGiven && (LooksLikeCommonWord(t.Folded) || t.Folded[^1] == ArabicLetters.Heh)) || k - j >= 3)) break;
            k++;
        }
        if (needNext) k--;
        return Math.Max(k, j + 1);
    }

    /// <summary>After «قال X»: what follows a speaker's name (إن، أن، a comma, a colon, a quote, or a time/place word).</summary>
    private bool FollowsSpeech(int k)
    {
        if (k >= _t.Length) return true;
        if (_t[k].Punct is ',' or '،' or ':' or '"' or '«' or '\'' or '.') return true;
        var w = _t[k].Folded;
        return w is "ان" or "انه" or "انها" or "بان" or "لـ" or "في" or "امس" or "اليوم" or "خلال" or "ل" || Has(k, WordClass.Title);
    }

    /// <summary>A person found by the shape of the name alone (a given name and more name words).</summary>
    private int TryNameShape(int i)
    {
        ref var t = ref _t[i];
        if (!t.Arabic || t.Best.Article || IsStop(i)) return -1;
        // و before a name is common in lists (ويوسف حمدي وأحمد حسام): allowed for the sure given names only.
        if (t.Best.Conj && !Has(i, WordClass.Given)) return -1;
        if (!t.Best.Conj && !IsNameStart(i, false)) return -1;
        if (i > 0 && _t[i - 1].Arabic && (Has(i - 1, WordClass.OrgTrigger))) return -1;
        int end = NameEnd(i);
        bool strong = Has(i, WordClass.Given) && !Has(i, WordClass.NotName);
        if (t.Best.Conj && !strong && end - i < 2) return -1;
        // علي is also how many writers spell the preposition على: alone it is not taken for the name.
        if (Bare(i).SequenceEqual("علي") && (end - i < 2 || !(Has(i + 1, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle)
            || (_t[i + 1].Best.Article && Bare(i + 1) is [.., ArabicLetters.Yeh])))) return -1;
        if (end - i == 1) return strong && t.Best.Prep == '\0' ? end : -1;
        if (strong || Has(i, WordClass.Particle)) return end;
        // a weak first name needs a second word that is itself name-like, or an unknown word that looks like
        // a foreign surname (ألبرت أينشتاين)
        int k = i + 1;
        if (RelaxedForeignSurnames && !Has(i, WordClass.NotName) && _t[k].Arabic && !_t[k].Best.Article && _t[k].Bare == WordClass.None && _t[k].Full == WordClass.None
            && _t[k].Best.Offset == 0 && _lexAt[k].End == 0 && _t[k].Folded[^1] != ArabicLetters.Heh && !LooksLikeCommonWord(_t[k].Folded))
            return end;
        if (Has(k, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle | WordClass.Ordinal) && !Has(k, WordClass.NotName)) return end;
        if (_t[k].Best.Article && Bare(k) is [.., ArabicLetters.Yeh]) return end;
        return -1;
    }

    // ---------------------------------------------------------------- places after place words

    /// <summary>مدينة/محافظة/ولاية … followed by an unknown proper name: a place without a key.</summary>
    private bool TryPlaceWord(int i)
    {
        int j = i + 1;
        if (!SameSentence(i, j) || !_t[j].Arabic || IsStop(j) || _t[j].Best.Conj || _t[j].Best.Prep != '\0') return false;
        if (_lexAt[j].End > 0 || (_t[j].Bare & ~WordClass.RegistryGiven) != 0) return false;
        var w = _t[j].Folded;
        if (w[^1] is ArabicLetters.Heh or ArabicLetters.Yeh || LooksLikeCommonWord(w)) return false;
        var word = Bare(i);
        string subtype = word is "محافظه" or "ولايه" or "اقليم" or "جهه" ? "admin1" : word is "مدينه" or "بلده" or "قريه" or "مخيم" or "عاصمه" ? "city" : "other";
        if (subtype == "other") return false;
        AddRaw(j, j + 1, _t[j].Best.Offset, EntityTypes.Location, subtype, -1, MentionKind.Name, "L:" + Bare(j).ToString(), null);
        return true;
    }

    // ---------------------------------------------------------------- post passes

    /// <summary>«إسماعيل الشقوري، مدير …»: a name before a comma and a role word.</summary>
    private void Appositions()
    {
        for (int c = 1; c + 1 < _t.Length; c++)
        {
            if (_t[c].Punct is not (',' or '،') || !Has(c + 1, WordClass.Title) || _t[c + 1].Best.Article) continue;
            if (_covered[c - 1] != -1) continue;
            int best = -1;
            for (int s = c - 1; s >= 0 && c - s <= 4 && SameSentence(c - 1, s) && _covered[s] == -1; s--)
            {
                if (!_t[s].Arabic || IsStop(s)) break;
                if (Has(s, WordClass.Given | WordClass.RegistryGiven | WordClass.Particle) && !_t[s].Best.Article && NameEnd(s) >= c) best = s;
            }
            if (best >= 0 && c - best >= 2) AddPerson(best, c, cued: true);
        }
    }

}
