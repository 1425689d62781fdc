namespace Portal.Analysis.Report;

/// <summary>
/// One statement about the message. <see cref="TextKey"/> selects the localized title, explanation and
/// actions (<c>{TextKey}.title</c> etc. in FindingTexts); <see cref="Args"/> fill their placeholders.
/// </summary>
public sealed record Finding(
    string Code,
    Severity Severity,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyDictionary<string, string> Args)
{
    public string TextKey => Code;

    /// <summary>Position of the detector that raised it; keeps the order stable within one severity.</summary>
    internal int DetectorOrder { get; init; }
}
