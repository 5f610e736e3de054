using System.Text;

namespace Marsad.Ingest;

/// <summary>
/// Turns the bytes of a text file into a string: UTF-8 (with or without BOM), UTF-16 with BOM,
/// or legacy Windows-1256 when the bytes are not valid UTF-8. Binary data (NUL bytes, many control
/// characters) is refused with a clear reason.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Invalid sequences per non-ASCII byte up to which a file is still UTF-8 (bad bytes become U+FFFD).
    /// Windows-1256 Arabic read as UTF-8 is invalid at nearly every letter, far above this.
    /// </summary>
    public const double MaxInvalidShare = 0.02;

    public static Encoding Windows1256 { get; } = GetWindows1256();

    private static Encoding GetWindows1256()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1256, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>The name of the encoding found, for messages ("utf-8", "utf-8-bom", "utf-16", "windows-1256").</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source, out string encodingName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "utf-8-bom";
            return DecodeUtf8(bytes[3..], source);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encodingName = "utf-16le";
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encodingName = "utf-16be";
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        if (LooksBinary(bytes))
            throw new InputException(source, "binary data, not text (NUL or control bytes)");
        try
        {
            encodingName = "utf-8";
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // A few bad bytes in a UTF-8 file (a cut last character, one stray byte) do not make it
            // another encoding: decide by the share of non-ASCII bytes that form valid UTF-8.
            string lenient = LenientUtf8.GetString(bytes);
            int bad = 0, nonAscii = 0;
            foreach (char c in lenient) if (c == '\uFFFD') bad++;
            foreach (byte b in bytes) if (b >= 0x80) nonAscii++;
            if (nonAscii > 0 && bad <= nonAscii * MaxInvalidShare)
            {
                encodingName = "utf-8";
                return lenient;
            }
            // Not UTF-8: Arabic text from older systems is almost always Windows-1256.
            string s = Windows1256.GetString(bytes);
            if (ArabicShare(s) < 0.2)
                throw new InputException(source, "not UTF-8 and does not read as Windows-1256 Arabic text either");
            encodingName = "windows-1256";
            return s;
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            throw new InputException(source, $"invalid UTF-8 at byte {e.Index + 3} despite a UTF-8 byte-order mark");
        }
    }

    /// <summary>NUL bytes or more than 1% C0 control bytes other than tab, CR, LF, FF in the first 64 KiB.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 65536)];
        if (head.IndexOf((byte)0) >= 0) return true;
        int control = 0;
        foreach (byte b in head)
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C)) control++;
        return head.Length > 0 && control * 100 > head.Length;
    }

    private static double ArabicShare(string s)
    {
        int letters = 0, arabic = 0;
        foreach (char c in s)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c >= '\u0600' && c <= '\u06FF') arabic++;
        }
        return letters == 0 ? 0 : (double)arabic / letters;
    }
}
