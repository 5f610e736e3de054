namespace Marsad.Extraction.Events;

/// <summary>One trigger occurrence and the arguments found for it (working data of the event stage).</summary>
internal sealed class EventMention
{
    public required int Token { get; init; }
    /// <summary>Token after the trigger's last word.</summary>
    public required int End { get; init; }
    public required TriggerEntry Entry { get; init; }
    public required int Sentence { get; init; }
    public int ClauseStart { get; set; }
    public int ClauseEnd { get; set; }
    public int WindowEnd { get; set; }
    /// <summary>Last token of the noun phrase (trigger, adjectives, genitive) for event nouns.</summary>
    public int PhraseEnd { get; set; }

    /// <summary>The type of the entry, unless a governing verb re-typed the noun (رفع + حظر → CONCEDE).</summary>
    public string Type => _type ?? Entry.Type;
    private string? _type;

    public void Retype(string type, string? mode)
    {
        _type = type;
        Mode = mode;
    }
    public string? Mode { get; set; }
    public bool IsNoun => Entry.Kind == TriggerKind.Noun;
    public bool IsLight => Entry.Kind == TriggerKind.LightVerb;
    public bool IsSpeech => Entry.Kind == TriggerKind.Speech;
    /// <summary>A light or speech verb: lends its arguments, is never an event itself.</summary>
    public bool IsAuxiliary => IsLight || IsSpeech;
    /// <summary>The verb has a subject of its own in its clause (a name, a common noun, an event noun, a relative antecedent).</summary>
    public bool HasOwnSubject { get; set; }
    /// <summary>The own subject is only a definite common noun (السكان), no name, title or state head: after «و» it may be the object.</summary>
    public bool WeakSubject { get; set; }
    public bool Passive { get; set; }
    /// <summary>«وكان X قد أنكر …»: told as background before the report, not the day's news.</summary>
    public bool Pluperfect { get; set; }

    public List<int> Actors { get; } = [];
    public List<int> Targets { get; } = [];
    public int Location { get; set; } = -1;
    public string? Time { get; set; }
    public bool TimeExplicit { get; set; }
    public int? Ordinal { get; set; }
    public int? Participants { get; set; }
    public int? Fatalities { get; set; }
    public int? Injured { get; set; }
    public EventModality Modality { get; set; } = EventModality.Asserted;
    /// <summary>Where the place came from: clause (في/بـ + place), sentence, or document (its main place).</summary>
    public string? GeoPrecision { get; set; }
    /// <summary>Not an event after all (deaths in a flood or an accident).</summary>
    public bool Dropped { get; set; }
    public string? Context { get; set; }
    /// <summary>A light verb of a main clause governs this noun (فرض حظر التجول، شن غارات): the verb asserts that it happened.</summary>
    public bool Governed { get; set; }
    /// <summary>Its place is the subject of a verb of witnessing (شهدت البصرة احتجاجات): one happening there.</summary>
    public bool Witnessed { get; set; }
    /// <summary>The modality of a light verb governing this noun (لن توقع … الاتفاقية).</summary>
    public EventModality? LentModality { get; set; }

    /// <summary>An event noun standing as this verb's subject (اعتمد الاجتماع …): its actors are ours.</summary>
    public EventMention? SubjectEvent { get; set; }
    /// <summary>An event this one happened in (تم تبنيه في الاجتماع …).</summary>
    public EventMention? HostEvent { get; set; }

    /// <summary>A definite event noun with no time, place or ordinal of its own: a reference back.</summary>
    public bool IsBare => IsNoun && Definite && !TimeExplicit && Location < 0 && Ordinal is null;

    /// <summary>The trigger word carries the article: «الهجوم» may refer back, «هجوم» is a new event.</summary>
    public bool Definite { get; init; }

    public void AddActor(int e)
    {
        if (e >= 0 && !Actors.Contains(e)) Actors.Add(e);
    }

    public void AddTarget(int e)
    {
        if (e >= 0 && !Targets.Contains(e) && !Actors.Contains(e)) Targets.Add(e);
    }
}
