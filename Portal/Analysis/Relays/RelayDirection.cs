using System.Text.RegularExpressions;
using Portal.Mime;

namespace Portal.Analysis.Relays;

/// <summary>Values of <see cref="Report.RelaySection.MaskedParty"/>.</summary>
public static class MaskedParties
{
    /// <summary>A relay user wrote to us: From is their alias, their real address is not in the message.</summary>
    public const string Sender = "sender";
    /// <summary>A relay forwarded mail to its user (who passed the copy on): the original sender is visible, the user's own address is not.</summary>
    public const string Recipient = "recipient";
    /// <summary>A relay forwarded mail whose original sender is itself a relay alias.</summary>
    public const string Both = "both";
}

/// <summary>Which party a relay hides, and the original sender's address where the relay wrote it into the message.</summary>
public sealed record RelayDirection(string MaskedParty, string? VisibleOriginal, Header? OriginalEvidence);

/// <summary>
/// Works out the direction of relayed mail from its headers. Mail *from* a relay user carries the alias in From and
/// nothing else; mail a relay *forwards to* its user carries the original sender in plain sight (a header the relay adds,
/// "news@shop.example [via Relay]", "news at shop.example", news_at_shop.example_user@duck.com, or an untouched From
/// beside an alias in To) and hides only where the copy finally went.
/// </summary>
public static partial class RelayDirectionReader
{
    /// <summary>Headers in which relays name the original sender, best first (simple-login/app, anonaddy/anonaddy, Firefox Relay).</summary>
    private static readonly string[] OriginalSenderHeaders =
        ["X-SimpleLogin-Original-From", "X-AnonAddy-Original-From-Header", "X-AnonAddy-Original-Sender", "Resent-From"];

    public static RelayDirection Read(AnalysisContext context, RelayCatalog catalog)
    {
        var headers = context.Message.Root.Headers;
        var fromHeader = headers["From"];
        var from = context.FirstMailbox(fromHeader);
        var fromIsAlias = from is not null && catalog.IsRelayDomain(from.Domain);

        var (original, evidence) = FromRelayHeaders(context, headers, from);
        if (original is null && fromIsAlias)
            original = FromAliasText(from!);
        if (original is not null)
            evidence ??= fromHeader;
        // An untouched From beside relay evidence elsewhere (an alias in To, Hide My Email, the relay's Return-Path):
        // the relay forwarded the message and the sender is who From says.
        if (original is null && from is not null && !fromIsAlias && !IsReply(headers))
            (original, evidence) = (from.Address, fromHeader);

        if (original is null)
            return new RelayDirection(MaskedParties.Sender, null, null);
        var originalDomain = original[(original.LastIndexOf('@') + 1)..];
        return new RelayDirection(catalog.IsRelayDomain(originalDomain) ? MaskedParties.Both : MaskedParties.Recipient, original, evidence);
    }

    private static bool IsReply(HeaderList headers) =>
        headers.GetValue("X-SimpleLogin-Type")?.Trim().Equals("Reply", StringComparison.OrdinalIgnoreCase) == true;

    private static (string?, Header?) FromRelayHeaders(AnalysisContext context, HeaderList headers, MailboxAddress? from)
    {
        foreach (var name in OriginalSenderHeaders)
            if (headers[name] is { } header && context.FirstMailbox(header) is { } mailbox
                && !mailbox.Address.Equals(from?.Address, StringComparison.OrdinalIgnoreCase))
                return (mailbox.Address, header);
        return (null, null);
    }

    /// <summary>
    /// The original sender as a relay spells it into the alias it answers from: in the display name
    /// ("news@shop.example [via Relay]", "Shop - news at shop.example") or in the local part
    /// (news_at_shop.example_user@duck.com, alias+news=shop.example@user.anonaddy.com).
    /// </summary>
    private static string? FromAliasText(MailboxAddress alias)
    {
        if (alias.DisplayName is { } name)
        {
            if (AddressInText().Match(name) is { Success: true } address)
                return address.Value;
            if (SpelledOutAddress().Match(name) is { Success: true } spelled)
                return $"{spelled.Groups["local"].Value}@{spelled.Groups["domain"].Value}";
        }
        if (AtInLocalPart().Match(alias.LocalPart) is { Success: true } at)
            return $"{at.Groups["local"].Value}@{at.Groups["domain"].Value}";
        if (AddyLocalPart().Match(alias.LocalPart) is { Success: true } addy)
            return $"{addy.Groups["local"].Value}@{addy.Groups["domain"].Value}";
        return null;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")]
    private static partial Regex AddressInText();

    [GeneratedRegex(@"(?<local>[A-Za-z0-9._%+-]+) at (?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")]
    private static partial Regex SpelledOutAddress();

    // DuckDuckGo: <local>_at_<domain>_<duck user>; the domain needs a dot so that SimpleLogin's underscored
    // reverse aliases (news_at_shop_example_kqzvn) are not misread.
    [GeneratedRegex(@"^(?<local>[^@_]+(?:_[^@_]+)*?)_at_(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)_[^_@.]+$")]
    private static partial Regex AtInLocalPart();

    // addy.io: <alias>+<local>=<domain>
    [GeneratedRegex(@"^[^+=@]+\+(?<local>[^+=@]+)=(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")]
    private static partial Regex AddyLocalPart();
}
