using Marsad.Text;

namespace Marsad.Text.Tests;

public class ArabicNormalizerTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إفريقيا", "افريقيا")]
    [InlineData("آمال", "امال")]
    [InlineData("ٱلله", "الله")]
    [InlineData("مسؤول", "مسوول")]
    [InlineData("رئيس", "رييس")]
    [InlineData("مصطفى", "مصطفي")]
    [InlineData("مُحَمَّدٌ", "محمد")]
    [InlineData("جميـــل", "جميل")]
    [InlineData("٢٠٢٣", "2023")]
    [InlineData("۱۴۰۲", "1402")]
    [InlineData("ﻻ", "لا")]
    [InlineData("\u200Fالرياض\u200E", "الرياض")]
    [InlineData("Morocco", "morocco")]
    public void Matching_level_folds(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input, NormalizationLevel.Matching));

    [Theory]
    [InlineData("مدرسة", "مدرسه")]
    [InlineData("الأمم المتحدة", "الامم المتحده")]
    public void Search_level_also_folds_teh_marbuta(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input, NormalizationLevel.Search));

    [Theory]
    [InlineData("مدرسة", "مدرسة")]
    [InlineData("مُحَمَّدٌ", "مُحَمَّدٌ")]
    [InlineData("جميـــل", "جميل")]
    public void Display_level_keeps_letters_and_diacritics(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input, NormalizationLevel.Display));
}
