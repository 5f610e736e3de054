namespace Marsad.Text;

/// <summary>Named constants for the Arabic code points the text core treats specially.</summary>
public static class ArabicLetters
{
    public const char Hamza = '\u0621';            // ء
    public const char AlefMadda = '\u0622';        // آ
    public const char AlefHamzaAbove = '\u0623';   // أ
    public const char WawHamza = '\u0624';         // ؤ
    public const char AlefHamzaBelow = '\u0625';   // إ
    public const char YehHamza = '\u0626';         // ئ
    public const char Alef = '\u0627';             // ا
    public const char Beh = '\u0628';              // ب
    public const char TehMarbuta = '\u0629';       // ة
    public const char Teh = '\u062A';              // ت
    public const char Kaf = '\u0643';              // ك
    public const char Lam = '\u0644';              // ل
    public const char Meem = '\u0645';             // م
    public const char Noon = '\u0646';             // ن
    public const char Heh = '\u0647';              // ه
    public const char Waw = '\u0648';              // و
    public const char AlefMaksura = '\u0649';      // ى
    public const char Yeh = '\u064A';              // ي
    public const char Feh = '\u0641';              // ف
    public const char Seen = '\u0633';             // س
    public const char Tatweel = '\u0640';          // ـ
    public const char AlefWasla = '\u0671';        // ٱ
    public const char HamzaAbove = '\u0654';
    public const char HamzaBelow = '\u0655';
    public const char MaddaAbove = '\u0653';
    public const char SuperscriptAlef = '\u0670';
    public const char FarsiYeh = '\u06CC';         // ی
    public const char Keheh = '\u06A9';            // ک
    public const char ArabicComma = '\u060C';      // ،
    public const char ArabicSemicolon = '\u061B';  // ؛
    public const char ArabicQuestion = '\u061F';   // ؟
    public const char ArabicFullStop = '\u06D4';   // ۔
    public const char ArabicDecimalSeparator = '\u066B'; // ٫
    public const char ArabicThousandsSeparator = '\u066C'; // ٬
    public const char ArabicPercent = '\u066A';    // ٪

    /// <summary>Arabic letters proper (hamza to yeh, plus the extended letters used in Arabic text).</summary>
    public static bool IsArabicLetter(char c) =>
        (c >= '\u0621' && c <= '\u063A') || (c >= '\u0641' && c <= '\u064A') ||
        (c >= '\u0671' && c <= '\u06D3') || c == '\u06D5' || (c >= '\u06EE' && c <= '\u06EF') ||
        (c >= '\u06FA' && c <= '\u06FC') || c == '\u06FF';

    /// <summary>Harakat, tanween, shadda, sukun, Quranic annotation marks and the superscript alef.</summary>
    public static bool IsDiacritic(char c) =>
        (c >= '\u064B' && c <= '\u065F') || c == '\u0670' || (c >= '\u0610' && c <= '\u061A') ||
        (c >= '\u06D6' && c <= '\u06DC') || (c >= '\u06DF' && c <= '\u06E8') || (c >= '\u06EA' && c <= '\u06ED') ||
        (c >= '\u08D3' && c <= '\u08FF');

    /// <summary>Bidi controls and zero-width characters that carry no letter.</summary>
    public static bool IsFormatMark(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF' or '\u2060'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    /// <summary>Value of an ASCII, Arabic-Indic or Persian digit, or -1.</summary>
    public static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };

    public static bool IsDigit(char c) => DigitValue(c) >= 0;
}
