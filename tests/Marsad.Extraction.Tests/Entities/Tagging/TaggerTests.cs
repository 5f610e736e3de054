using System.Text;
using Marsad.Extraction.Entities;
using Marsad.Extraction.Entities.Tagging;

namespace Marsad.Extraction.Tests.Entities.Tagging;

/// <summary>Training, saving and loading the entity tagger on a tiny corpus written for these tests.</summary>
public class TaggerTests
{
    // Sentences written for these tests (not from any corpus), token and tag per line.
    private const string Tiny = """
        قال O
        الوزير O
        سامر B-PERS
        الخطيب I-PERS
        في O
        عمان B-LOC
        . O

        زار O
        الرئيس O
        كمال B-PERS
        النعيمي I-PERS
        مدينة O
        حلب B-LOC
        أمس O
        . O

        أعلنت O
        شركة O
        نوران B-ORG
        للطاقة I-ORG
        عن O
        مشروع O
        في O
        دبي B-LOC
        . O

        التقى O
        الوزير O
        رامي B-PERS
        الصباغ I-PERS
        وفدا O
        من O
        بيروت B-LOC
        . O

        ووصل O
        السفير O
        هاني B-PERS
        العمري I-PERS
        إلى O
        تونس B-LOC
        . O

        وقالت O
        شركة O
        سنابل B-ORG
        إن O
        أرباحها O
        ارتفعت O
        . O

        """;

    private static List<ConllSentence> Sentences() => ConllCorpus.Read(new StringReader(Tiny.Replace("\r", "")), "tiny");

    private static NerTrainingOptions Options(NerTrainerKind kind) => kind switch
    {
        NerTrainerKind.Crf => NerTrainingOptions.Crf with { Epochs = 8, StackFolds = 0 },
        NerTrainerKind.Both => new NerTrainingOptions { Trainer = NerTrainerKind.Both, Epochs = 6, StackFolds = 0 },
        _ => new NerTrainingOptions { Epochs = 4, StackFolds = 0 },
    };

    private static NerModel Train(WordClusters? clusters = null, int seed = 3, NerTrainerKind kind = NerTrainerKind.Perceptron, float? crfShare = null) =>
        new NerTrainer(clusters: clusters, options: Options(kind) with { Seed = seed, HashBits = 16, PruneBelow = 1, CrfShare = crfShare ?? Options(kind).CrfShare })
            .Train(Sentences());

    private static byte[] Bytes(NerModel model)
    {
        using var ms = new MemoryStream();
        model.Save(ms);
        return ms.ToArray();
    }

    private static string Tag(NerModel model, string conll)
    {
        var output = new StringWriter();
        ConllTagger.CreateDefault(EntityOptions.Corpus with { Model = model }).Tag(new StringReader(conll), output);
        return output.ToString();
    }

    private static string TokensOnly() => string.Join("\n", Tiny.Replace("\r", "").Split('\n').Select(l => l.Trim().Split(' ')[0]));

    [Theory]
    [InlineData(NerTrainerKind.Perceptron)]
    [InlineData(NerTrainerKind.Crf)]
    [InlineData(NerTrainerKind.Both)]
    public void Training_is_deterministic(NerTrainerKind kind)
    {
        var a = Bytes(Train(kind: kind));
        var b = Bytes(Train(kind: kind));
        Assert.Equal(a, b);
        Assert.NotEqual(a, Bytes(Train(seed: 4, kind: kind))); // the seed matters: the shuffle is real
    }

    [Fact]
    public void An_ensemble_is_deterministic_and_averages_its_members()
    {
        NerModel Ensemble(int k, int seed = 3) =>
            new NerTrainer(options: Options(NerTrainerKind.Perceptron) with { Seed = seed, HashBits = 16, PruneBelow = 1, Ensemble = k }).Train(Sentences());
        var a = Bytes(Ensemble(4));
        Assert.Equal(a, Bytes(Ensemble(4))); // members train on several threads; the sum is taken in seed order
        Assert.Equal(Bytes(Train(seed: 3)), Bytes(Ensemble(1)));
        Assert.NotEqual(a, Bytes(Train(seed: 3)));
        Assert.NotEqual(a, Bytes(Ensemble(4, seed: 4)));
        // averaging keeps what every member learned: the tiny corpus is still tagged right
        var tokens = TokensOnly();
        Assert.Equal(Tag(Train(seed: 3), tokens), Tag(Ensemble(4), tokens));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: new NerTrainingOptions { Ensemble = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: new NerTrainingOptions { Ensemble = 65 }));
    }

    [Fact]
    public void The_two_trainers_learn_different_weights()
    {
        Assert.NotEqual(Bytes(Train()), Bytes(Train(kind: NerTrainerKind.Crf)));
    }

    [Fact]
    public void Both_at_either_end_of_the_share_tags_as_that_trainer_alone()
    {
        var tokens = TokensOnly();
        var perceptron = Tag(Train(kind: NerTrainerKind.Perceptron), tokens);
        var crf = Tag(Train(kind: NerTrainerKind.Crf), tokens);
        // the same sentences and seed: Both trains the same two models, and a share of 0 or 1 keeps one of them
        var both0 = new NerTrainer(options: new NerTrainingOptions { Trainer = NerTrainerKind.Both, Epochs = 4, Seed = 3, HashBits = 16, PruneBelow = 1, CrfShare = 0, StackFolds = 0 }).Train(Sentences());
        var both1 = new NerTrainer(options: new NerTrainingOptions { Trainer = NerTrainerKind.Both, Epochs = 8, Seed = 3, HashBits = 16, PruneBelow = 1, CrfShare = 1, StackFolds = 0 }).Train(Sentences());
        Assert.Equal(perceptron, Tag(both0, tokens));
        Assert.Equal(crf, Tag(both1, tokens));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: new NerTrainingOptions { Trainer = NerTrainerKind.Both, CrfShare = 1.5f }));
    }

    [Theory]
    [InlineData(NerTrainerKind.Perceptron)]
    [InlineData(NerTrainerKind.Crf)]
    [InlineData(NerTrainerKind.Both)]
    public void The_model_learns_the_training_sentences(NerTrainerKind kind)
    {
        var tagged = Tag(Train(kind: kind), TokensOnly());
        Assert.Contains("سامر B-PERS", tagged);
        Assert.Contains("الخطيب I-PERS", tagged);
        Assert.Contains("حلب B-LOC", tagged);
        Assert.Contains("نوران B-ORG", tagged);
        Assert.Contains("قال O", tagged);
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(-0.1f, 1f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(0.1f, -1f)]
    [InlineData(0.1f, float.PositiveInfinity)]
    public void Bad_crf_settings_are_refused(float rate, float l2)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: NerTrainingOptions.Crf with { LearningRate = rate, L2 = l2 }));
        Assert.Contains(rate > 0 ? "L2" : "LearningRate", e.Message);
    }

    [Fact]
    public void A_diverging_crf_is_a_clear_error_not_a_broken_model()
    {
        // steps so large that the scores leave floating-point range: training stops and says why
        var trainer = new NerTrainer(options: NerTrainingOptions.Crf with { Epochs = 3, HashBits = 16, LearningRate = 1e30f, L2 = 0 });
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Train(Sentences()));
        Assert.Contains("learning rate", e.Message);
    }

    [Theory]
    [InlineData(NerTrainerKind.Perceptron)]
    [InlineData(NerTrainerKind.Crf)]
    public void Save_then_load_gives_the_same_tags(NerTrainerKind kind)
    {
        var model = Train(kind: kind);
        var path = Path.Combine(Path.GetTempPath(), $"marsad-ner-{Guid.NewGuid():N}.nermodel");
        try
        {
            model.Save(path);
            var loaded = NerModel.Load(path);
            Assert.Equal(model.RowCount, loaded.RowCount);
            Assert.True(loaded.Tags.SameAs(TagSet.Default));
            Assert.Equal(Tag(model, TokensOnly()), Tag(loaded, TokensOnly()));
            Assert.Equal(Bytes(model), File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(NerTrainerKind.Perceptron)]
    [InlineData(NerTrainerKind.Crf)]
    public void A_truncated_corrupt_or_foreign_file_is_refused_with_its_name(NerTrainerKind kind)
    {
        var bytes = Bytes(Train(kind: kind));
        var truncated = Assert.Throws<InvalidDataException>(() => NerModel.Load(bytes[..(bytes.Length / 2)], "cut.nermodel"));
        Assert.Contains("cut.nermodel", truncated.Message);
        Assert.Contains("truncated", truncated.Message);
        var header = Assert.Throws<InvalidDataException>(() => NerModel.Load(bytes[..12], "head.nermodel"));
        Assert.Contains("truncated", header.Message);

        var corrupt = (byte[])bytes.Clone();
        corrupt[^5] ^= 0x5a;
        var bad = Assert.Throws<InvalidDataException>(() => NerModel.Load(corrupt, "bad.nermodel"));
        Assert.Contains("bad.nermodel", bad.Message);
        Assert.Contains("corrupt", bad.Message);

        var foreign = Assert.Throws<InvalidDataException>(() => NerModel.Load(Encoding.UTF8.GetBytes("سامر B-PERS\n"), "notes.txt"));
        Assert.Contains("notes.txt", foreign.Message);
        Assert.Contains("not a Marsad NER model", foreign.Message);

        var newer = (byte[])bytes.Clone();
        newer[10] = 99; // format version
        Assert.Contains("format version 99", Assert.Throws<InvalidDataException>(() => NerModel.Load(newer, "new.nermodel")).Message);

        var missing = Assert.Throws<FileNotFoundException>(() => NerModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.nermodel")));
        Assert.Contains("no-such-model.nermodel", missing.Message);
    }

    [Fact]
    public void A_model_refuses_clusters_other_than_its_own()
    {
        var mine = WordClusters.Parse(Encoding.UTF8.GetBytes("# test clusters\nسامر\t0110\t5\nحلب\t1010\t7\n"), "mine.tsv");
        var other = WordClusters.Parse(Encoding.UTF8.GetBytes("سامر\t0111\t5\n"), "other.tsv");
        var bytes = Bytes(Train(mine));
        Assert.Equal(mine.Hash, NerModel.Load(bytes, "m.nermodel", mine).ClusterHash);
        var e = Assert.Throws<InvalidDataException>(() => NerModel.Load(bytes, "m.nermodel", other));
        Assert.Contains("m.nermodel", e.Message);
        Assert.Contains(mine.Hash, e.Message);
        Assert.Contains("other.tsv", e.Message);
    }

    [Fact]
    public void Two_cluster_files_are_read_side_by_side_and_a_model_expects_both()
    {
        var brown = Encoding.UTF8.GetBytes("# brown\nسامر\t0110\t5\nحلب\t1010\t7\n");
        var vectors = Encoding.UTF8.GetBytes("# embeddings\nسامر\t11\t5\nحلب\t10\t7\nدمشق\t10\t4\n");
        var both = WordClusters.Parse([(brown, "brown.tsv"), (vectors, "emb.tsv")]);
        var one = WordClusters.Parse(brown, "brown.tsv");
        Assert.Equal(2, both.Files);
        Assert.Equal(3, both.Count); // سامر, حلب, دمشق
        Assert.Equal(one.Hash + "+" + WordClusters.Parse(vectors, "emb.tsv").Hash, both.Hash);
        var bytes = Bytes(Train(both));
        Assert.Equal(both.Hash, NerModel.Load(bytes, "m.nermodel", both).ClusterHash);
        var e = Assert.Throws<InvalidDataException>(() => NerModel.Load(bytes, "m.nermodel", one));
        Assert.Contains("m.nermodel", e.Message);
        // the tagger has features for two files: a third is refused, not read past its buffers
        var third = Assert.Throws<ArgumentException>(() => WordClusters.Parse([(brown, "a.tsv"), (vectors, "b.tsv"), (vectors, "c.tsv")]));
        Assert.Contains("two", third.Message);
        var bad = Assert.Throws<InvalidDataException>(() => WordClusters.Parse([(brown, "brown.tsv"), (Encoding.UTF8.GetBytes("x\t2\t1\n"), "bad.tsv")]));
        Assert.Contains("bad.tsv", bad.Message);
    }

    [Theory]
    [InlineData("سامر\t01x0\t5\n", "line 1")]
    [InlineData("# comment\nسامر\t0110\n", "line 2")]
    [InlineData("سامر\t0110\t5\nسامر\t0111\t3\n", "appears twice")]
    [InlineData("# only a comment\n", "no clusters")]
    public void A_bad_cluster_file_is_refused_with_its_name(string text, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => WordClusters.Parse(Encoding.UTF8.GetBytes(text), "c.tsv"));
        Assert.Contains("c.tsv", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_bad_training_file_names_the_file_and_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => ConllCorpus.Read(new StringReader("قال O\nسامر B-PER\n"), "t.conll"));
        Assert.Contains("t.conll: line 2", e.Message);
        Assert.Contains("B-PER", e.Message);
    }

    [Fact]
    public void Decoding_never_starts_a_name_inside()
    {
        var tags = TagSet.Default;
        // emissions that prefer I-PERS everywhere: the decoder must open the span with B-PERS
        int t = tags.Count, n = 3;
        var emit = new float[n * t];
        for (int k = 0; k < n; k++) emit[k * t + tags.IndexOf("I-PERS")] = 5;
        var output = new int[n];
        Viterbi.Decode(tags, emit, n, new float[(t + 1) * t], new float[n * t], new int[n * t], output);
        Assert.NotEqual("I-PERS", tags[output[0]]);
        for (int k = 1; k < n; k++) Assert.True(tags.Allowed(output[k - 1], output[k]));
        Assert.False(tags.Allowed(tags.IndexOf("O"), tags.IndexOf("I-LOC")));
        Assert.False(tags.Allowed(tags.IndexOf("B-PERS"), tags.IndexOf("I-LOC")));
        Assert.True(tags.Allowed(tags.IndexOf("B-LOC"), tags.IndexOf("I-LOC")));
    }

    // ---------------------------------------------------------------- stacking (two passes)

    /// <summary>
    /// More documents than <see cref="Tiny"/> (the trainer's documents are chunks of 40 sentences): the same
    /// sentences with other names, so the jackknife has folds to hold out.
    /// </summary>
    private static List<ConllSentence> Documents()
    {
        string[][] names = [["سامر", "الخطيب"], ["كمال", "النعيمي"], ["رامي", "الصباغ"], ["هاني", "العمري"]];
        string[] places = ["عمان", "حلب", "دبي", "بيروت", "تونس"];
        var text = new StringBuilder();
        for (int d = 0; d < 120; d++)
        {
            var (given, family) = (names[d % 4][0], names[(d / 4) % 4][1]);
            var place = places[d % 5];
            text.Append($"قال O\nالوزير O\n{given} B-PERS\n{family} I-PERS\nفي O\n{place} B-LOC\n. O\n\n");
            text.Append($"وأضاف O\n{given} B-PERS\nأن O\nشركة O\nسنابل B-ORG\nفي O\n{place} B-LOC\nربحت O\n. O\n\n");
        }
        return ConllCorpus.Read(new StringReader(text.ToString()), "docs");
    }

    private static NerModel TrainStacked(int seed = 3, int folds = 3) =>
        new NerTrainer(options: new NerTrainingOptions { Epochs = 3, Seed = seed, HashBits = 16, PruneBelow = 1, StackFolds = folds }).Train(Documents());

    [Fact]
    public void A_stacked_model_has_a_first_pass_and_trains_deterministically()
    {
        var model = TrainStacked();
        Assert.NotNull(model.FirstPass);
        Assert.Null(model.FirstPass!.FirstPass);
        Assert.Equal(Bytes(model), Bytes(TrainStacked()));
        Assert.NotEqual(Bytes(model), Bytes(TrainStacked(seed: 4)));
        var onePass = new NerTrainer(options: new NerTrainingOptions { Epochs = 3, Seed = 3, HashBits = 16, PruneBelow = 1, StackFolds = 0 }).Train(Documents());
        Assert.Null(onePass.FirstPass);
        Assert.True(Bytes(model).Length > Bytes(onePass).Length);
    }

    [Fact]
    public void A_stacked_model_saved_and_loaded_tags_the_same_and_learns()
    {
        var model = TrainStacked();
        var bytes = Bytes(model);
        var loaded = NerModel.Load(bytes, "stacked.nermodel");
        Assert.NotNull(loaded.FirstPass);
        Assert.Equal(model.RowCount, loaded.RowCount);
        Assert.Equal(model.FirstPass!.RowCount, loaded.FirstPass!.RowCount);
        Assert.Equal(bytes, Bytes(loaded));
        var tokens = TokensOnly();
        var tagged = Tag(model, tokens);
        Assert.Equal(tagged, Tag(loaded, tokens));
        Assert.Contains("سامر B-PERS", tagged);
        Assert.Contains("حلب B-LOC", tagged);
        Assert.Contains("قال O", tagged);
    }

    [Fact]
    public void A_stacked_model_cut_inside_its_first_pass_is_refused_with_its_name()
    {
        var model = TrainStacked();
        var bytes = Bytes(model);
        int outer = Bytes(model.FirstPass!).Length;
        // cut the file inside the nested first pass: the outer length no longer holds
        var cut = Assert.Throws<InvalidDataException>(() => NerModel.Load(bytes[..(bytes.Length - outer / 2)], "cut.nermodel"));
        Assert.Contains("cut.nermodel", cut.Message);
        Assert.Contains("truncated", cut.Message);
        var corrupt = (byte[])bytes.Clone();
        corrupt[^(outer / 2)] ^= 0x5a;
        var bad = Assert.Throws<InvalidDataException>(() => NerModel.Load(corrupt, "bad.nermodel"));
        Assert.Contains("bad.nermodel", bad.Message);
        Assert.Contains("corrupt", bad.Message);
    }

    [Fact]
    public void The_second_pass_reads_the_first_pass_tags_of_the_other_occurrences()
    {
        // one document: «حداد» is a person where a title introduces it, alone elsewhere; the first pass tags it there
        var text = "قال O\nالوزير O\nحداد B-PERS\n. O\n\nوصل O\nحداد O\nأمس O\n. O\n";
        var sentences = ConllCorpus.Read(new StringReader(text), "one");
        var lexicon = EntityLexicon.Default;
        var tags = TagSet.Default;
        var p = ConllCorpus.Project(sentences, lexicon, tags).ToList();
        var facts = p[0].Facts;
        int n = facts.Tokens.Length;
        var first = new int[n];
        int at = -1, other = -1;
        for (int i = 0; i < n; i++)
            if (facts.Document.Tokens[i].Norm == "حداد") { if (at < 0) at = i; else other = i; }
        Assert.True(at >= 0 && other > at);
        first[at] = tags.IndexOf("B-PERS");
        var stack = new StackContext();
        stack.Compute(facts, first, tags);
        Assert.Equal((ulong)tags.IndexOf("B-PERS") + 1, stack.Own[at]);
        Assert.Equal(1UL, stack.Own[other]);                                       // O + 1
        Assert.Equal(1UL << tags.IndexOf("B-PERS"), stack.OtherTags[other]);     // the other occurrence is a person
        Assert.Equal(1UL << 0, stack.OtherTags[at]);                              // … and this one's other occurrence is O
        Assert.NotEqual(0UL, stack.Span[other]);                                  // it lies in a tagged span elsewhere
        Assert.Equal(0UL, stack.Span[at]);
        Assert.Equal(1UL, stack.Span[other] & 1);                                 // a one-word span repeats around any occurrence
        Assert.Throws<ArgumentException>(() => stack.Compute(facts, first.AsSpan(0, n - 1), tags));
    }

    [Fact]
    public void Bad_stack_folds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: new NerTrainingOptions { StackFolds = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer(options: new NerTrainingOptions { StackFolds = 51 }));
    }
}
