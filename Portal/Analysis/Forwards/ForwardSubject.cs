using System.Text.RegularExpressions;

namespace Portal.Analysis.Forwards;

/// <summary>The forward markers mail clients put in front of a subject, in the languages support mail arrives in.</summary>
public static partial class ForwardSubject
{
    /// <summary>
    /// Fwd/Fw (English and most clients), WG (German "Weitergeleitet"), TR (French "Transfert"), RV (Spanish "Reenviado"),
    /// ENC (Portuguese "Encaminhado"), VS/VB (Nordic, Dutch), Doorst (Dutch), PD (Polish), YNT/İLT (Turkish), 转发/轉寄/轉發
    /// (Chinese), 転送 (Japanese); with an optional list count ("Fwd[2]:") and ASCII or full-width colon.
    /// </summary>
    public static bool IsForward(string? subject) => subject is not null && Prefix().IsMatch(subject);

    /// <summary>The subject without any leading forward or reply markers, for comparing a forward with its original.</summary>
    public static string Strip(string? subject) => subject is null ? "" : AnyPrefix().Replace(subject, "").Trim();

    [GeneratedRegex(@"^\s*(?:\[[^\]]{1,40}\]\s*)?(?:Fwd?|WG|TR|RV|ENC|VS|VB|Doorst|PD|YNT|İLT|转发|轉寄|轉發|転送)\s*(?:\[\d+\])?\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?:\s*(?:\[[^\]]{1,40}\]\s*)?(?:Fwd?|WG|TR|RV|ENC|VS|VB|Doorst|PD|YNT|İLT|转发|轉寄|轉發|転送|Re|AW|SV|Antw|R|RE|回复|回覆|答复)\s*(?:\[\d+\])?\s*[:：])+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyPrefix();
}
