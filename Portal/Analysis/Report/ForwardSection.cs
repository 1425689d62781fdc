namespace Portal.Analysis.Report;

/// <summary>Values of <see cref="ForwardSection.Kind"/>.</summary>
public static class ForwardKinds
{
    /// <summary>The original travels whole as a message/rfc822 attachment: the report is about it.</summary>
    public const string Attached = "attached";
    /// <summary>The original was pasted into the forward's body: its headers, route and protection are gone.</summary>
    public const string Inline = "inline";
}

/// <summary>
/// The uploaded file is a forward. Attached: the report above is about the attached original, and this section keeps
/// the forward's own facts as secondary detail. Inline: the report is about the forward itself (all there is), and this
/// section says what the forwarded block still shows.
/// </summary>
public sealed class ForwardSection
{
    public string Kind { get; set; } = ForwardKinds.Attached;
    /// <summary>The forward's From as written: whoever forwarded the message.</summary>
    public string? ForwardedBy { get; set; }
    public string? ForwardedTo { get; set; }
    /// <summary>The forward's own Subject ("Fwd: …").</summary>
    public string? Subject { get; set; }
    public DateTimeOffset? Date { get; set; }
    public string? MessageId { get; set; }
    /// <summary>Attached: where the original sits in the uploaded file (part path of the message/rfc822 part).</summary>
    public string? PartPath { get; set; }
    /// <summary>Attached: the attachment's file name ("original.eml"), when it has one.</summary>
    public string? FileName { get; set; }
    /// <summary>
    /// Attached: how many forwards were unwrapped to reach the original: 2 when a colleague forwarded what a customer had
    /// forwarded. The other fields describe the outermost forward, the one that reached whoever uploaded it.
    /// </summary>
    public int Levels { get; set; } = 1;
    /// <summary>Attached: the forward's own route (newest first), separate from the original's in <c>transport</c>.</summary>
    public List<HopEntry> Hops { get; } = [];
    /// <summary>Inline: the separator line as written ("---------- Forwarded message ---------").</summary>
    public string? Separator { get; set; }
    /// <summary>Inline: the mail client known to write that separator (gmail, outlook, apple-mail, thunderbird), or null.</summary>
    public string? Client { get; set; }
    /// <summary>Inline: the original's header lines as the forwarder's client copied them into the body; they prove nothing.</summary>
    public QuotedHeaders? Original { get; set; }
}

/// <summary>Header lines copied as text into a forwarded block, in the words the forwarder's client used.</summary>
public sealed class QuotedHeaders
{
    public string? From { get; set; }
    /// <summary>Date, Sent, Gesendet, Envoyé…: as written, not parsed (clients write it in their own language).</summary>
    public string? Date { get; set; }
    public string? To { get; set; }
    public string? Subject { get; set; }
}

/// <summary>Mail clients whose forward separators are recognised (<see cref="ForwardSection.Client"/>).</summary>
public static class MailClients
{
    public const string Gmail = "gmail", Outlook = "outlook", AppleMail = "apple-mail", Thunderbird = "thunderbird";

    public static IReadOnlyList<string> All { get; } = [Outlook, Gmail, AppleMail, Thunderbird];
}
