using Marsad.Extraction.Events;
using Xunit.Abstractions;

namespace Marsad.Extraction.Tests.Events;

public class DebugDump(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var path = "/tmp/dbg/in.txt";
        if (!System.IO.File.Exists(path)) return;
        var doc = MarkedText.Analyze(System.IO.File.ReadAllText(path).Trim());
        new EventStage().Process(doc, default);
        new Marsad.Extraction.Relations.RelationStage().Process(doc, default);
        string N(string? id) => MarkedText.NameOf(doc, id);
        foreach (var v in doc.Events) output.WriteLine($"{v.Type}/{v.Mode} «{v.Trigger.Text}» actors={string.Join(",", v.Actors.Select(N))} targets={string.Join(",", v.Targets.Select(N))} loc={N(v.Location)} time={v.Time} ord={v.Ordinal} part={v.Participants} {v.Modality} ctx={v.Context}");
        foreach (var r in doc.Relations) output.WriteLine($"rel {r.Type} {N(r.Subject)} -> {N(r.Object)} {r.Value} [{doc.Text[r.Evidence.Start..r.Evidence.End]}]");
    }
}
