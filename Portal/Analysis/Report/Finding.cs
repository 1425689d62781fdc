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

    /// <summary>
    /// act: something an agent must act on; info: noticed, true of most mail (no DKIM, not end-to-end encrypted), shown
    /// in a collapsed "also noticed" group so that the findings to act on stand out.
    /// </summary>
    public string Group => Severity == Severity.Info ? FindingGroups.Info : FindingGroups.Act;

    /// <summary>Position of the detector that raised it; keeps the order stable within one severity.</summary>
    internal int DetectorOrder { get; init; }
}

/// <summary>Values of <see cref="Finding.Group"/>.</summary>
public static class FindingGroups
{
    public const string Act = "act", Info = "info";
}
