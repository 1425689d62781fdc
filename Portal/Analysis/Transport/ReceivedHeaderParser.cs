using System.Text;
using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Transport;

/// <summary>
/// Parses one unfolded Received value into a <see cref="ReceivedHop"/>. MTAs disagree on the
/// details, so the parser is lenient: clauses are keyword-led word runs, comments are kept aside
/// and searched for the TLS notations of Postfix, Exim (GnuTLS and OpenSSL), Sendmail, Microsoft,
/// Google, OpenSMTPD, Courier and qmail.
/// </summary>
public static partial class ReceivedHeaderParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
        { "from", "by", "via", "with", "id", "for", "tls" };

    /// <summary>
    /// RFC 3848 and its successors' protocol types; the "S" forms mean the hop used TLS. SMTPS and SMTPSA are what Exim
    /// and OpenSMTPD write for HELO followed by TLS (and Gmail and Zoho for their own TLS hops); SSMTP, ESSMTP and ESSMTPA
    /// are Exim's words for TLS on connect. A "UTF8" prefix (RFC 6531's UTF8SMTPS, Exim's utf8esmtpsa) changes nothing
    /// about TLS, so it is set aside before the word is looked up.
    /// </summary>
    private static readonly HashSet<string> TlsProtocols = new(StringComparer.OrdinalIgnoreCase)
        { "ESMTPS", "ESMTPSA", "LMTPS", "LMTPSA", "HTTPS", "SMTPS", "SMTPSA", "SSMTP", "ESSMTP", "ESSMTPA" };

    /// <summary>Without TLS; SMTPA is OpenSMTPD's HELO with AUTH, and with the UTF8 prefix RFC 6531's UTF8SMTPA.</summary>
    private static readonly HashSet<string> PlainProtocols = new(StringComparer.OrdinalIgnoreCase)
        { "SMTP", "SMTPA", "ESMTP", "ESMTPA", "LMTP", "LMTPA" };

    /// <summary>
    /// Webmail front ends (Roundcube, SquirrelMail, Yahoo) write "with HTTP" whether the browser came over HTTPS or not:
    /// the word names the protocol and says nothing about its protection.
    /// </summary>
    private static readonly HashSet<string> SilentProtocols = new(StringComparer.OrdinalIgnoreCase) { "HTTP" };

    private static readonly HashSet<string> LocalProtocols = new(StringComparer.OrdinalIgnoreCase)
        { "local", "MAPI", "IMAP", "POP3" };

    public static ReceivedHop Parse(string value)
    {
        var tokens = Tokenize(value, out var dateText);
        var clauses = new Dictionary<string, StringBuilder>(StringComparer.OrdinalIgnoreCase);
        var comments = new List<string>();
        string? current = null;
        foreach (var (text, isComment) in tokens)
        {
            if (isComment)
            {
                comments.Add(text);
                continue;
            }
            // Exim's "tls <cipher>" follows its with clause; elsewhere (Microsoft SMTPSVC's "by host over TLS secured
            // channel") the word belongs to the clause it stands in.
            var isKeyword = Keywords.Contains(text) && !(text.Equals("tls", StringComparison.OrdinalIgnoreCase) && current != "with");
            if (isKeyword && (current is null || !clauses.ContainsKey(text.ToLowerInvariant())))
            {
                current = text.ToLowerInvariant();
                clauses[current] = new StringBuilder();
                continue;
            }
            if (current is null)
                continue;
            var clause = clauses[current];
            if (clause.Length > 0)
                clause.Append(' ');
            clause.Append(text);
        }

        string? Clause(string name) => clauses.TryGetValue(name, out var b) && b.Length > 0 ? b.ToString() : null;

        var from = FirstWord(Clause("from"));
        // Sendmail writes a local submission as "(from user@localhost) by host ...".
        if (from is null && comments.Count > 0 && comments[0].StartsWith("from ", StringComparison.OrdinalIgnoreCase))
            from = comments[0][5..].Trim();
        var with = Clause("with");
        var word = FirstWord(with);
        var bare = word is not null && word.Length > 4 && word.StartsWith("UTF8", StringComparison.OrdinalIgnoreCase) ? word[4..] : word;
        var protocol = bare is not null && (TlsProtocols.Contains(bare) || PlainProtocols.Contains(bare) || LocalProtocols.Contains(bare)
                                            || SilentProtocols.Contains(bare))
            ? word!.ToUpperInvariant()
            : null;

        var (stated, version, cipher) = FindTlsDetails(comments, Clause("tls"));
        // Microsoft SMTPSVC (IIS, older Hotmail) writes "by host over TLS secured channel with Microsoft SMTPSVC(...)".
        stated |= Clause("by") is { } by && OverTlsChannel().IsMatch(by);
        var local = Clause("from") is null || protocol is not null && LocalProtocols.Contains(bare!);
        string tls;
        if (stated || version is not null || cipher is not null || protocol is not null && TlsProtocols.Contains(bare!))
            tls = TlsStates.Yes;
        else if (local || with is null)
            tls = TlsStates.Unknown;
        else if (protocol is not null && PlainProtocols.Contains(bare!) || with.StartsWith("Microsoft SMTP", StringComparison.OrdinalIgnoreCase))
            tls = TlsStates.No; // Exchange writes version= and cipher= whenever the hop used TLS
        else
            tls = TlsStates.Unknown;

        var id = FirstWord(Clause("id"));
        // Courier writes its queue id after the date: "...with ESMTPS; Wed, 15 Jan 2025 12:00:07 +0000\r\n  id 0000...".
        if (id is null && dateText is not null && IdAfterDate().Match(dateText) is { Success: true } trailing)
            (dateText, id) = (dateText[..trailing.Index], trailing.Groups[1].Value);

        return new ReceivedHop
        {
            From = from,
            By = FirstWord(Clause("by")),
            Via = Clause("via"),
            With = with,
            Id = id,
            For = Clause("for")?.Trim('<', '>'),
            Date = dateText is not null && MailDate.TryParse(dateText, out var date) ? date : null,
            Protocol = protocol,
            Tls = tls,
            TlsVersion = version,
            Cipher = cipher,
            Local = local,
        };
    }

    private static string? FirstWord(string? clause)
    {
        if (clause is null)
            return null;
        var space = clause.IndexOf(' ');
        return space < 0 ? clause : clause[..space];
    }

    /// <summary>Whether a comment says the hop used TLS, and the version and cipher where it names them.</summary>
    private static (bool Stated, string? Version, string? Cipher) FindTlsDetails(List<string> comments, string? eximTlsClause)
    {
        string? version = null, cipher = eximTlsClause is null ? null : FirstWord(eximTlsClause);
        var stated = false;
        foreach (var comment in comments)
        {
            // Postfix: "using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) ..."
            if (PostfixTls().Match(comment) is { Success: true } postfix)
                return (true, postfix.Groups[1].Value, postfix.Groups[2].Value);
            // Sendmail, Google, Microsoft: "version=TLSv1.3 cipher=..." (space or comma separated)
            var v = KeyValueVersion().Match(comment);
            var c = KeyValueCipher().Match(comment);
            if (v.Success || c.Success)
                return (true, v.Success ? v.Groups[1].Value : null, c.Success ? c.Groups[1].Value : cipher);
            // qmail's TLS patch: "with (DHE-RSA-AES256-GCM-SHA384 encrypted) SMTP", the protocol word staying plain SMTP.
            if (QmailTls().Match(comment) is { Success: true } qmail)
                return (true, null, qmail.Groups[1].Value);
            // Courier: "(TLS: TLSv1/SSLv3,256bits,ECDHE-RSA-AES256-GCM-SHA384)", also after "AUTH: PLAIN user, ".
            if (CourierTls().Match(comment) is { Success: true } courier)
                return (true, courier.Groups[1].Value, courier.Groups[2].Value);
            // Exchange Server 2010-2016 on premises: "with Microsoft SMTP Server (TLS) id 15.0...", no version or cipher.
            if (comment.Equals("TLS", StringComparison.OrdinalIgnoreCase))
                stated = true;
            // Exim: "(TLS1.3)" with a separate "tls <cipher>" clause (GnuTLS), or "(TLS1.2:CIPHER:256)" (OpenSSL), which
            // some configurations label "(Cipher TLS1.3:...)"; OpenSMTPD: "(TLSv1.3:CIPHER:256:NO)", the last field saying
            // whether the client's certificate was verified; Postini: "(using TLSv1)".
            else if (EximTls().Match(comment) is { Success: true } exim)
            {
                version = exim.Groups[1].Value;
                if (exim.Groups[2].Success)
                    cipher = exim.Groups[2].Value;
            }
        }
        return (stated || version is not null || cipher is not null, version, cipher);
    }

    [GeneratedRegex(@"\busing\s+(\S+)\s+with\s+cipher\s+(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex PostfixTls();

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9_-]*) encrypted$", RegexOptions.IgnoreCase)]
    private static partial Regex QmailTls();

    [GeneratedRegex(@"\bversion=([^\s,;)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueVersion();

    [GeneratedRegex(@"\bcipher=([^\s,;)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueCipher();

    [GeneratedRegex(@"^(?:(?:using|cipher)\s+)?((?:TLS|SSL)v?\d(?:[._]\d)?)(?::([^:\s]+)(?::\d+(?::(?:YES|NO|FAIL))?)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex EximTls();

    // The version stops at ':' so that a comment of repeated "TLS:" costs one pass, not one per repetition.
    [GeneratedRegex(@"\bTLS:\s*([^,\s:]+),\s*\d+\s*bits,\s*([^,\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CourierTls();

    [GeneratedRegex(@"\sover\s+TLS\s+secured\s+channel\b", RegexOptions.IgnoreCase)]
    private static partial Regex OverTlsChannel();

    // Matched from the end: tried at every start, a long run of white space would cost quadratic time.
    [GeneratedRegex(@"\s+id\s+(\S+)\s*$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex IdAfterDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Runs of white space as one space; most comments have none to collapse, and are kept as they are.</summary>
    private static string CollapseWhiteSpace(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
                return Whitespace().Replace(text, " ");
        return text;
    }

    /// <summary>Words, [literals], &lt;addresses&gt; and (comments); the date is the text after the last top-level ';'.</summary>
    private static List<(string Text, bool IsComment)> Tokenize(string value, out string? dateText)
    {
        var tokens = new List<(string, bool)>();
        dateText = null;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                var depth = 0;
                var start = i;
                for (; i < value.Length; i++)
                {
                    if (value[i] == '\\') { i++; continue; }
                    if (value[i] == '(') depth++;
                    else if (value[i] == ')' && --depth == 0) break;
                }
                var end = Math.Min(i, value.Length);
                tokens.Add((CollapseWhiteSpace(value[(start + 1)..end]).Trim(), true));
                i = end + 1;
            }
            else if (c == ';')
            {
                // Keep the last ';' as the date separator; anything between is unusual but kept as words.
                var rest = value[(i + 1)..];
                if (!rest.Contains(';'))
                {
                    dateText = rest.Trim();
                    break;
                }
                i++;
            }
            else
            {
                var start = i;
                var closer = c switch { '<' => '>', '[' => ']', _ => '\0' };
                if (closer != '\0')
                {
                    var close = value.IndexOf(closer, i);
                    i = close < 0 ? value.Length : close + 1;
                }
                else
                {
                    while (i < value.Length && !char.IsWhiteSpace(value[i]) && value[i] is not '(' and not ';')
                        i++;
                }
                tokens.Add((value[start..i], false));
            }
        }
        return tokens;
    }
}
