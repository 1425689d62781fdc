namespace Portal.Analysis.Report;

/// <summary>
/// How much a finding stands between the reader and the message. Ordered so that sorting puts
/// blockers first; the JSON form is the lower-case name.
/// </summary>
public enum Severity
{
    /// <summary>The reader cannot read or trace the content (encrypted for someone else, portal, masked sender).</summary>
    Blocker = 0,
    Warning = 1,
    Info = 2,
}
