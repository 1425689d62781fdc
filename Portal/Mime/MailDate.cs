using System.Globalization;

namespace Portal.Mime;

/// <summary>
/// RFC 5322 date-time (3.3), read leniently as the obsolete syntax (4.3) and real mailers require: optional day name,
/// one-digit days, two- and three-digit years, missing seconds, named and military zones, comments such as "(PST)",
/// month before day. Unknown zones count as +0000, as RFC 5322 says for military ones.
/// </summary>
public static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 1, ["CET"] = 1, ["MET"] = 1, ["CEST"] = 2,
        ["MEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["MSK"] = 3, ["IST"] = 5, ["JST"] = 9, ["KST"] = 9, ["HKT"] = 8,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
    };

    public static bool TryParse(string value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        var text = ParameterListParser.StripComments(value).Replace(',', ' ');
        var tokens = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

        int? day = null, month = null, year = null;
        TimeSpan? time = null;
        TimeSpan offset = TimeSpan.Zero;
        var zoneSeen = false;

        foreach (var raw in tokens)
        {
            var token = raw.TrimEnd('.');
            // A token of dots only ("..." in a damaged header) is nothing once trimmed.
            if (token.Length == 0)
                continue;
            if (time is null && token.Contains(':'))
            {
                if (!TryTime(token, out var t, out var attachedZone))
                    return false;
                time = t;
                if (attachedZone is not null && TryZone(attachedZone, out var z))
                {
                    offset = z;
                    zoneSeen = true;
                }
                continue;
            }
            if (token.Length >= 3 && char.IsLetter(token[0]))
            {
                var m = Array.IndexOf(Months, token[..3].ToLowerInvariant());
                if (m >= 0 && month is null && (token.Length == 3 || IsFullMonthName(token)))
                {
                    month = m + 1;
                    continue;
                }
            }
            if ((token[0] is '+' or '-') && time is not null && !zoneSeen)
            {
                if (TryZone(token, out var z))
                {
                    offset = z;
                    zoneSeen = true;
                }
                continue;
            }
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (token.Length <= 2 && day is null && number is >= 1 and <= 31 && (month is null || year is null))
                    day = number;
                else if (year is null)
                    year = token.Length switch
                    {
                        <= 2 => number < 50 ? 2000 + number : 1900 + number,
                        3 => 1900 + number,
                        _ => number,
                    };
                continue;
            }
            if (time is not null && !zoneSeen && char.IsLetter(token[0]))
            {
                // Named zones; unknown names (and military letters) mean "zone not known", i.e. +0000.
                zoneSeen = true;
                offset = ZoneHours.TryGetValue(token, out var hours) ? TimeSpan.FromHours(hours) : TimeSpan.Zero;
            }
        }

        if (day is null || month is null || year is null || year < 1 || year > 9999)
            return false;
        if (day > DateTime.DaysInMonth(year.Value, month.Value))
            return false;
        try
        {
            date = new DateTimeOffset(year.Value, month.Value, day.Value, 0, 0, 0, offset) + (time ?? TimeSpan.Zero);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool IsFullMonthName(string token) =>
        CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Any(n => n.Length > 0 && n.Equals(token, StringComparison.OrdinalIgnoreCase))
        || token.Equals("sept", StringComparison.OrdinalIgnoreCase);

    private static bool TryTime(string token, out TimeSpan time, out string? attachedZone)
    {
        time = default;
        attachedZone = null;
        var zoneAt = token.AsSpan(1).IndexOfAny('+', '-') is var sign and >= 0 ? sign + 1 : -1;
        if (zoneAt > 0)
        {
            attachedZone = token[zoneAt..];
            token = token[..zoneAt];
        }
        var parts = token.Split(':');
        if (parts.Length is < 2 or > 3)
            return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h > 23
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59)
            return false;
        var s = 0;
        if (parts.Length == 3)
        {
            var seconds = parts[2];
            var dot = seconds.IndexOf('.');
            if (dot >= 0)
                seconds = seconds[..dot];
            if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out s) || s > 60)
                return false;
            s = Math.Min(s, 59); // a leap second is kept in the same minute
        }
        time = new TimeSpan(h, m, s);
        return true;
    }

    private static bool TryZone(string token, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var sign = token[0] == '-' ? -1 : 1;
        var digits = token[1..].Replace(":", "");
        if (digits.Length != 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            return false;
        var hours = hhmm / 100;
        var minutes = hhmm % 100;
        // DateTimeOffset accepts at most 14 hours; anything beyond is nonsense and treated as unknown (+0000).
        if (hours > 14 || minutes > 59 || hours == 14 && minutes > 0)
            return true;
        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }
}
