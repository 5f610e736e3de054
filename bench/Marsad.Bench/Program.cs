using BenchmarkDotNet.Running;
using Marsad.Bench;

// `dotnet run -c Release --project bench/Marsad.Bench -- quick [FILE]` times each text component with a
// stopwatch (seconds, for development); `-- accuracy tests/Marsad.Text.Tests/Specs` counts the test words
// each part gets right (and Lucene's on the same rows), the running-text segmentation gold included;
// `-- segment WORD…` prints each word's segmentation; `-- segspeed FILE.jsonl.gz [DUMP]` times the segmenter per word and dumps every distinct word's split; `-- presegment FILE.jsonl` writes gold rows from the current segmenter for hand correction; anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "quick")
{
    QuickProfile.Run(args.Length > 1 ? args[1] : null);
    return;
}
if (args.Length > 0 && args[0] == "accuracy")
{
    Accuracy.Run(args.Length > 1 ? args[1] : "tests/Marsad.Text.Tests/Specs");
    return;
}
if (args.Length > 1 && args[0] == "segment")
{
    foreach (var word in args[1..]) Console.WriteLine(SegmentationGold.Render(word, Marsad.Text.CliticSegmenter.Default.Segment(word)));
    return;
}
if (args.Length > 1 && args[0] == "segspeed")
{
    SegmenterSpeed.Run(args[1], args.Length > 2 ? args[2] : null);
    return;
}
if (args.Length > 1 && args[0] == "presegment")
{
    SegmentationGold.PreSegment(args[1]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(TextBenchmarks).Assembly).Run(args);
