using Marsad.Text;

namespace Marsad.Text.Tests;

public class WordCacheTests
{
    [Fact]
    public void A_set_keeps_the_two_words_used_last()
    {
        // One set: every word lands in it, so the third word evicts the one used least recently.
        var cache = new WordCache(setBits: 1);
        ulong a = 0x0000_0000_0000_0011, b = 0x0000_0000_0000_0021, c = 0x0000_0000_0000_0031;
        cache.Add(a, 1);
        cache.Add(b, 2);
        Assert.True(cache.TryGet(a, out ulong va)); // a is now the newer of the two
        Assert.Equal(1UL, va);
        cache.Add(c, 3); // evicts b
        Assert.False(cache.TryGet(b, out _));
        Assert.True(cache.TryGet(a, out va));
        Assert.Equal(1UL, va);
        Assert.True(cache.TryGet(c, out ulong vc));
        Assert.Equal(3UL, vc);
    }

    [Fact]
    public void A_word_never_added_is_a_miss_and_the_hash_is_never_the_empty_mark()
    {
        var cache = new WordCache();
        Assert.False(cache.TryGet(WordCache.Hash("التحالف"), out _));
        Assert.NotEqual(0UL, WordCache.Hash(""));
        cache.Add(WordCache.Hash("التحالف"), 42);
        Assert.True(cache.TryGet(WordCache.Hash("التحالف"), out ulong v));
        Assert.Equal(42UL, v);
        Assert.False(cache.TryGet(WordCache.Hash("والتحالف"), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("و")]
    [InlineData("وبالمسؤولين")]
    public void The_hash_of_a_span_is_the_finished_state_of_its_letters(string word)
    {
        // The segmenter hashes each letter once and finishes the state per slice: it must equal the hash of the slice.
        ulong state = SpanHash.Seed;
        foreach (char ch in word) state = SpanHash.Step(state, ch);
        Assert.Equal(SpanHash.Of(word), SpanHash.Finish(state));
    }
}
