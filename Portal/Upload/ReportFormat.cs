using System.Globalization;
using Portal.Analysis.Report;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>How report facts are written for people, shared by the page and the Markdown export.</summary>
public static class ReportFormat
{
    /// <summary>What identifies a recipient's key: issuer serial, subject key identifier, OpenPGP key ID or fingerprint.</summary>
    public static string KeyIdentity(RecipientEntry recipient, Localized T) =>
        recipient.Hidden ? T["Analyze.HiddenRecipient"]
        : recipient.SerialNumber is { } serial ? T["Analyze.Serial", serial]
        : recipient.SubjectKeyIdentifier is { } ski ? T["Analyze.SubjectKeyId", ski]
        : recipient.KeyId ?? recipient.Fingerprint ?? "–";

    public static string Algorithm(RecipientEntry recipient) =>
        string.Join(", ", new[] { recipient.Algorithm, recipient.KeyWrapAlgorithm }.Where(a => !string.IsNullOrEmpty(a))) is { Length: > 0 } text ? text : "–";

    public static string Delay(double? seconds, Localized T) => seconds switch
    {
        null => "–",
        < 120 => T["Analyze.Delay.Seconds", Math.Round(seconds.Value, 0).ToString(CultureInfo.InvariantCulture)],
        < 7200 => T["Analyze.Delay.Minutes", Math.Round(seconds.Value / 60, 0).ToString(CultureInfo.InvariantCulture)],
        _ => T["Analyze.Delay.Hours", Math.Round(seconds.Value / 3600, 1).ToString(T.Language.Culture)],
    };

    /// <summary>A size with the language's own number format and unit ("25 MB", "25 Mo" in French).</summary>
    public static string Size(long bytes, CultureInfo culture)
    {
        var (key, value) = bytes switch
        {
            < 1024 => ("Size.Bytes", bytes.ToString(culture)),
            < 1024 * 1024 => ("Size.Kilobytes", (bytes / 1024.0).ToString("0.#", culture)),
            _ => ("Size.Megabytes", (bytes / (1024.0 * 1024)).ToString("0.#", culture)),
        };
        return string.Format(culture, SizeUnits.GetString(key, culture) ?? "{0}", value);
    }

    private static readonly System.Resources.ResourceManager SizeUnits = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    /// <summary>"MIME part 1.2", or "the whole message" for the root ("").</summary>
    public static string Part(string? partPath, Localized T) =>
        string.IsNullOrEmpty(partPath) ? T["Analyze.WholeMessage"] : T["Analyze.Part", partPath];

    public static string Protocol(HopEntry hop) => hop.Protocol ?? hop.With ?? "–";

    public static string Tls(HopEntry hop, Localized T) => T[$"Analyze.Tls.{hop.Tls}"] +
        (hop.TlsVersion is { } version ? $" ({version})" : "");

    /// <summary>The evidence as it appears in the message: a header line, or the part it points to.</summary>
    public static string RawEvidence(Evidence evidence) =>
        evidence.Header is { } header ? $"{header}: {evidence.Value}" : evidence.Value ?? evidence.Note ?? "";
}
