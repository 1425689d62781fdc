using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Forwards;

/// <summary>
/// A forward whose original was pasted into the body under a separator line, with the original's From, Date, To and
/// Subject copied as text. What the block shows are words the forwarder's client wrote, not the original's headers.
/// </summary>
public sealed partial record InlineForward(string Separator, string? Client, QuotedHeaders Original, string PartPath)
{
    /// <summary>Lines after the separator within which the copied header lines must start.</summary>
    private const int HeaderWindow = 12;

    /// <summary>Bodies longer than this are read only up to it: a forward's separator sits near the top.</summary>
    private const int MaxTextChars = 256 * 1024;

    /// <summary>
    /// The first inline-forwarded block in the message's own text, or null. Gmail's, Thunderbird's and Apple Mail's
    /// separators only ever introduce a forward. Outlook writes "-----Original Message-----" (or a line of underscores)
    /// above replies as well, so that one counts only when the subject is a forward's. Either way the separator must be
    /// followed by copied header lines (a From line and a Date, To or Subject line): a separator alone proves nothing.
    /// </summary>
    public static InlineForward? Find(AnalysisContext context)
    {
        var root = context.Message.Root;
        var forwardSubject = ForwardSubject.IsForward(root.Headers.GetValue("Subject"));
        foreach (var (entity, text) in OwnTexts(context))
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim().TrimStart('>', ' ');
                var (client, ambiguous) = SeparatorOf(line);
                if (client is null && !ambiguous)
                    continue;
                if (ambiguous && !forwardSubject)
                    continue;
                if (CopiedHeaders(lines, i + 1) is { } original)
                    return new InlineForward(line, client == "" ? null : client, original, entity.PartPath);
            }
        }
        return null;
    }

    /// <summary>(client, ambiguous): client "" for a forward separator no one client owns.</summary>
    private static (string? Client, bool Ambiguous) SeparatorOf(string line)
    {
        if (line.Length is < 10 or > 120)
            return (null, false);
        if (DashedForward().Match(line) is { Success: true } dashed)
            // Gmail writes ten dashes before and nine after; Thunderbird eight on either side.
            return (dashed.Groups["lead"].Length == 10 ? MailClients.Gmail : dashed.Groups["lead"].Length == 8 ? MailClients.Thunderbird : "", false);
        if (AppleBegin().IsMatch(line))
            return (MailClients.AppleMail, false);
        if (OriginalMessage().IsMatch(line) || Underscores().IsMatch(line))
            return (MailClients.Outlook, true);
        return (null, false);
    }

    private static QuotedHeaders? CopiedHeaders(string[] lines, int start)
    {
        var quoted = new QuotedHeaders();
        var seen = 0;
        var hasFrom = false;
        for (int i = start, looked = 0; i < lines.Length && looked < HeaderWindow; i++)
        {
            var line = lines[i].Trim().TrimStart('>', ' ').Replace("*", "");
            if (line.Length == 0)
            {
                if (seen > 0)
                    break;
                continue;
            }
            looked++;
            if (HeaderLine().Match(line) is not { Success: true } header)
            {
                if (seen > 0)
                    break;
                continue;
            }
            var value = header.Groups["value"].Value.Trim();
            switch (FieldOf(header.Groups["name"].Value))
            {
                case "from": quoted.From ??= value; hasFrom = true; break;
                case "date": quoted.Date ??= value; break;
                case "to": quoted.To ??= value; break;
                case "subject": quoted.Subject ??= value; break;
            }
            seen++;
        }
        return hasFrom && seen >= 2 ? quoted : null;
    }

    private static string? FieldOf(string name) => name.ToLowerInvariant() switch
    {
        "from" or "de" or "von" or "van" or "da" or "发件人" or "寄件者" or "寄件人" or "差出人" or "送信者" => "from",
        "date" or "sent" or "datum" or "gesendet" or "envoyé" or "enviado" or "fecha" or "发送时间" or "日期" or "時間" or "时间"
            or "日時" or "送信日時" or "日付" => "date",
        "to" or "à" or "an" or "para" or "aan" or "收件人" or "宛先" => "to",
        "subject" or "objet" or "betreff" or "asunto" or "onderwerp" or "oggetto" or "主题" or "主旨" or "件名" => "subject",
        _ => null,
    };

    /// <summary>The message's own readable text (not that of attached messages): plain text first, else HTML as text.</summary>
    private static IEnumerable<(MimeEntity Entity, string Text)> OwnTexts(AnalysisContext context)
    {
        var own = new List<MimeEntity>();
        var stack = new Stack<MimeEntity>();
        stack.Push(context.Message.Root);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            if (entity.IsMessage && entity.Parent is not null)
                continue;
            if (entity.ContentType.MediaType == "text" && entity.ContentDisposition?.IsAttachment != true)
                own.Add(entity);
            for (var i = entity.Children.Count - 1; i >= 0; i--)
                stack.Push(entity.Children[i]);
        }
        var plain = own.Where(e => e.ContentType.MediaSubtype == "plain").ToList();
        foreach (var entity in plain.Count > 0 ? plain : own.Where(e => e.ContentType.MediaSubtype == "html"))
        {
            context.Budget.ThrowIfExhausted();
            var text = context.Text(entity);
            if (text.Length > MaxTextChars)
                text = text[..MaxTextChars];
            yield return (entity, entity.ContentType.MediaSubtype == "html" ? HtmlText.ToText(text) : text.Replace("\r", ""));
        }
    }

    [GeneratedRegex(@"^(?<lead>-{5,})\s*(?:Forwarded message|Forwarded Message|Message transféré|Weitergeleitete Nachricht|Mensaje reenviado|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht|转发的邮件|轉寄的郵件|転送されたメッセージ|転送メッセージ|已转发邮件|转发邮件|转发的消息)\s*-{5,}$", RegexOptions.IgnoreCase)]
    private static partial Regex DashedForward();

    [GeneratedRegex(@"^(?:Begin forwarded message|Début du message réexpédié|Début du message transféré|Anfang der weitergeleiteten (?:Nachricht|E-Mail)|Inicio del mensaje reenviado|Comienzo del mensaje reenviado|以下是转发的邮件|转发的邮件|転送されたメッセージ)\s*[:：]$", RegexOptions.IgnoreCase)]
    private static partial Regex AppleBegin();

    [GeneratedRegex(@"^-{3,}\s*(?:Original Message|Message d'origine|Ursprüngliche Nachricht|Originalnachricht|Mensaje original|Mensaje Original|原始邮件|原始郵件|元のメッセージ)\s*-{3,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{20,}$")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^(?<name>[\p{L}]{1,12})\s*[:：]\s*(?<value>.*)$")]
    private static partial Regex HeaderLine();

}
