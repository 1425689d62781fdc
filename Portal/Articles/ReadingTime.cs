using System.Globalization;

namespace Portal.Articles;

/// <summary>
/// Minutes to read a text: about 220 words a minute for languages that separate words, and about 500 characters a
/// minute for Chinese and Japanese, which do not (their characters are counted instead of words).
/// </summary>
public static class ReadingTime
{
    private const double WordsPerMinute = 220;
    private const double CjkCharactersPerMinute = 500;

    public static int Minutes(string plainText)
    {
        var words = 0;
        var cjk = 0;
        var inWord = false;
        foreach (var c in plainText)
        {
            if (IsCjk(c))
            {
                cjk++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                    words++;
                inWord = true;
            }
            else
                inWord = false;
        }
        return Math.Max(1, (int)Math.Round(words / WordsPerMinute + cjk / CjkCharactersPerMinute, MidpointRounding.AwayFromZero));
    }

    private static bool IsCjk(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter
        && (c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff');
}
