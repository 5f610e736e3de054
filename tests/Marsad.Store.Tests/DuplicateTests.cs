using Marsad.Analysis;
using Marsad.Store;
using Marsad.Store.Duplicates;

namespace Marsad.Store.Tests;

public sealed class DuplicateTests : TempArchive
{
    private const string Wire = """
        أعلنت وزارة الصحة اليوم الثلاثاء عن إطلاق حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع الجهات.
        وأوضحت الوزارة في بلاغ لها أن الحملة ستستمر ثلاثة أسابيع وستشارك فيها فرق متنقلة تزور القرى النائية والمناطق الجبلية.
        ودعت الوزارة الأسر إلى التوجه إلى أقرب مركز صحي مصحوبة بدفتر التلقيح، مؤكدة أن اللقاح مجاني وآمن.
        وأشارت إلى أن عدد الإصابات المسجلة منذ بداية السنة بلغ أكثر من ألف حالة، أغلبها في المناطق القروية.
        """;

    private const string Other = """
        افتتح المعرض الدولي للكتاب أبوابه أمام الزوار بمشاركة أكثر من سبعمائة دار نشر من خمسين دولة، وسط إقبال كبير من الطلبة والأسر.
        ويتضمن برنامج المعرض ندوات فكرية وأمسيات شعرية ولقاءات مع كتاب من مختلف الأجيال، إضافة إلى فضاء خاص بكتب الأطفال.
        """;

    [Fact]
    public void Same_article_twice_is_stored_once()
    {
        using var archive = MarsadArchive.Open(DataDir);
        var a = Article("حملة تلقيح", Wire, "2023-05-02", "alpha");
        var s1 = archive.Ingest([a, a], Small);
        Assert.Equal(1, s1.Stored);
        Assert.Equal(1, s1.Duplicates);
        // White space and diacritics do not make a new document.
        var s2 = archive.Ingest([a with { Body = Wire.Replace("\n", "\n\n").Replace("الوزارة", "الوزارةَ") }], Small);
        Assert.Equal(0, s2.Stored);
        Assert.Equal(1, s2.Duplicates);
        Assert.Equal(1, archive.Count);
    }

    [Fact]
    public void Near_duplicates_share_a_story_cluster()
    {
        using var archive = MarsadArchive.Open(DataDir);
        var original = Article("حملة تلقيح ضد الحصبة", Wire, "2023-05-02", "alpha");
        // The same wire story in another outlet: a changed word and an added closing sentence.
        var edited = Article("الصحة تطلق حملة للتلقيح", Wire.Replace("ثلاثة أسابيع", "أسبوعين") + "\nوتأتي هذه الحملة في إطار البرنامج الوطني.", "2023-05-02", "beta");
        var unrelated = Article("معرض الكتاب", Other, "2023-05-03", "alpha");
        var s = archive.Ingest([original, edited, unrelated], Small);
        Assert.Equal(3, s.Stored);
        Assert.Equal(1, s.NearDuplicates);
        Assert.Equal(1, s.Clusters);
        var first = archive.GetDocument(AnalyzedDocument.ComputeId(original.Body))!;
        var second = archive.GetDocument(AnalyzedDocument.ComputeId(edited.Body))!;
        var third = archive.GetDocument(AnalyzedDocument.ComputeId(unrelated.Body))!;
        Assert.NotNull(first.ClusterId);
        Assert.Equal(first.ClusterId, second.ClusterId);
        // Named after its first stored document (analysis runs in parallel, so either may be first).
        var pair = new[] { first, second }.OrderBy(d => d.Seq).ToArray();
        Assert.Equal(pair[0].Id, first.ClusterId);
        Assert.Null(third.ClusterId);
        Assert.Equal(pair.Select(d => d.Id), archive.GetCluster(first.ClusterId!));
        // A later run still finds the cluster (fingerprints are kept in SQLite).
        var third2 = Article("حملة التلقيح تنطلق", Wire.Replace("أكثر من ألف حالة", "نحو ألف ومائتي حالة"), "2023-05-03", "gamma");
        archive.Dispose();
        using var reopened = MarsadArchive.Open(DataDir);
        Assert.Equal(1, reopened.Ingest([third2], Small).NearDuplicates);
        Assert.Equal(first.ClusterId, reopened.GetDocument(AnalyzedDocument.ComputeId(third2.Body))!.ClusterId);
    }

    [Fact]
    public void MinHash_is_similar_for_edits_and_not_for_other_texts()
    {
        var p = Extraction.MarsadPipeline.Default;
        uint[] H(string body) => MinHash.Compute(p.Analyze(Article("t", body)).Tokens)!;
        uint[] a = H(Wire), b = H(Wire.Replace("ثلاثة أسابيع", "أسبوعين")), c = H(Other + " " + Other);
        Assert.True(MinHash.Similarity(a, b) >= 0.7, $"edit similarity {MinHash.Similarity(a, b)}");
        Assert.True(MinHash.Similarity(a, c) < 0.1, $"other similarity {MinHash.Similarity(a, c)}");
        Assert.Equal(1.0, MinHash.Similarity(a, H(Wire)));
        Assert.Null(MinHash.Compute(p.Analyze(Article("t", "نص قصير جدا")).Tokens));
    }

    [Fact]
    public void Near_duplicate_index_finds_similar_signatures_only()
    {
        var index = new NearDuplicateIndex();
        var sig = Enumerable.Range(0, MinHash.Size).Select(i => (uint)(i * 7919)).ToArray();
        index.Add(new NearDuplicateIndex.Entry(1, "a", sig, null));
        var close = (uint[])sig.Clone();
        for (int i = 0; i < 20; i++) close[i * 3] ^= 0xFFFF;        // 20 of 64 values differ: similarity 0.69
        Assert.Equal("a", index.FindNearest(close)?.Id);
        var far = (uint[])sig.Clone();
        for (int i = 0; i < 40; i++) far[i] ^= 0xFFFF;              // 40 differ: 0.375
        Assert.Null(index.FindNearest(far));
    }
}
