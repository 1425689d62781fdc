namespace Portal.Analysis.Report;

/// <summary>A finding code with the severity it is raised at and the argument names its texts may use.</summary>
public sealed record FindingCode(string Code, Severity Severity, params string[] Arguments)
{
    public override string ToString() => Code;
}
