using System.Globalization;
using System.Resources;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Replies;

/// <summary>
/// A reply an agent can send the sender, in one language: what happened to their message and what to do. <see cref="To"/>
/// is the address the message came from (a relay alias is where a relay user is reached; null where a relay hid the
/// person who passed the copy on); the texts themselves never name an address.
/// </summary>
public sealed record SuggestedReply(string Kind, string Language, string? To, string Subject, string Body)
{
    private static readonly ResourceManager Texts = new("Portal.Analysis.Replies.ReplyTexts", typeof(SuggestedReply).Assembly);

    /// <summary>A mailto: link that opens the reply in the agent's mail program, subject and body filled in (RFC 6068).</summary>
    public string Mailto =>
        $"mailto:{(To is null ? "" : Uri.EscapeDataString(To).Replace("%40", "@"))}?subject={Uri.EscapeDataString(Subject)}&body={Uri.EscapeDataString(Body.Replace("\n", "\r\n"))}";

    /// <summary>The text of one reply kind (<see cref="ReplyKinds"/>) in one language; null when it is missing.</summary>
    public static string? Text(string kind, string part, CultureInfo culture) =>
        Texts.GetString($"{kind}.{part}", culture) is { } text && IsOwnText(kind, part, culture) ? text : null;

    /// <summary>The reply for <paramref name="report"/>'s verdict in <paramref name="culture"/>'s language.</summary>
    public static SuggestedReply For(AnalysisReport report, string languageCode, CultureInfo culture)
    {
        var kind = ReplyKinds.Of(report);
        var args = new Dictionary<string, string>
        {
            ["service"] = report.Relay.ServiceName ?? report.Relay.Service ?? "",
            ["vendor"] = VendorOf(report) ?? report.Encryption.Vendor ?? "",
        };
        return new SuggestedReply(kind, languageCode, AddressOf(report),
            // A missing text shows its key, as finding texts do; ReplyTextTests fail on any.
            FindingTexts.Fill(Texts.GetString($"{kind}.subject", culture) ?? $"{kind}.subject", args, culture),
            FindingTexts.Fill(Texts.GetString($"{kind}.body", culture) ?? $"{kind}.body", args, culture).Replace("\r\n", "\n"));
    }

    /// <summary>Where a reply goes: the From of the analyzed message, but nobody where a relay hid whom to answer.</summary>
    private static string? AddressOf(AnalysisReport report)
    {
        if (report.Relay.MaskedParty == MaskedParties.Recipient)
            return null;
        return report.From is { } from ? AddressParser.Parse(from).FirstOrDefault(m => m.Domain.Length > 0)?.Address : null;
    }

    private static string? VendorOf(AnalysisReport report) =>
        report.Findings.FirstOrDefault(f => f.Code == FindingCodes.RightsManaged.Code || f.Code == FindingCodes.EncryptionPortal.Code)
            ?.Args.GetValueOrDefault("vendor");

    /// <summary>True when the text comes from the language's own file, not from the English fallback.</summary>
    private static bool IsOwnText(string kind, string part, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en"
        || Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString($"{kind}.{part}") is not null;
}
