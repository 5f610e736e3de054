using System.Security.Cryptography;
using System.Text;
using Marsad.Text;

namespace Marsad.Analysis.Tests;

/// <summary>The document text, its part ranges and its id, including inputs at the edges.</summary>
public class DocumentTests
{
    /// <summary>The id as first defined: normalise, fold white space through a string, hash its UTF-8.</summary>
    private static string ReferenceId(string body)
    {
        string norm = ArabicNormalizer.Normalize(body, NormalizationLevel.Matching);
        var sb = new StringBuilder();
        bool space = false;
        foreach (char c in norm)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    public static TheoryData<string> Bodies => new()
    {
        "",
        " ",
        "وقال الوزير إن المغرب يدعم الحل.",
        "  \n\tوقال   الوزير\u00A0\u2003إن المغرب\r\n\r\nيدعم الحل.  \n",
        "قَالَ الوَزِيرُ: «إِنَّ المَمْلَكَةَ تُؤَيِّدُ»",
        "ﻻ ﺇﻟﻪ ﺍﻟﺄﻣﻢ المتحـــدة",                       // presentation forms and tatweel
        "بتاريخ : ١٠/٠٦/٢٠٢٣ The UN Security Council",  // Arabic-Indic digits, Latin upper case
        "a\u200Bb\u200Fc \uD800 d",                       // format marks and a lone surrogate
        "\u0085لا\u2028بأس\u3000",                        // rarer white space
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Id_is_the_hash_of_the_normalised_body_with_white_space_folded(string body) =>
        Assert.Equal(ReferenceId(body), AnalyzedDocument.ComputeId(body));

    [Fact]
    public void Id_of_a_long_body_matches_and_ignores_spacing()
    {
        string body = string.Concat(Enumerable.Repeat("أعلنت الحكومة   المغربية عن خطة جديدة.\n", 5000));
        Assert.Equal(ReferenceId(body), AnalyzedDocument.ComputeId(body));
        Assert.Equal(AnalyzedDocument.ComputeId(body), AnalyzedDocument.ComputeId(body.Replace("   ", " ") + "\n\n"));
    }

    [Fact]
    public void Parts_are_joined_by_blank_lines_even_without_a_title()
    {
        var doc = new AnalyzedDocument(new ArticleInput { Title = "", Subtitle = "عنوان فرعي", Body = "النص." });
        Assert.Equal("\n\nعنوان فرعي\n\nالنص.", doc.Text);
        Assert.Equal(new TextRange(0, 0), doc.TitleRange);
        Assert.Equal(new TextRange(2, 12), doc.SubtitleRange);
        Assert.Equal(new TextRange(14, 19), doc.BodyRange);

        var bare = new AnalyzedDocument(new ArticleInput { Title = "", Body = "النص." });
        Assert.Equal("النص.", bare.Text);
        Assert.Equal(new TextRange(0, 5), bare.BodyRange);
        Assert.Null(bare.SubtitleRange);

        var titleOnly = new AnalyzedDocument(new ArticleInput { Title = "عنوان", Body = "" });
        Assert.Equal("عنوان", titleOnly.Text);
        Assert.Equal(new TextRange(5, 5), titleOnly.BodyRange);
    }
}
