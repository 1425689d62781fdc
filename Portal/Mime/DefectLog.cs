namespace Portal.Mime;

/// <summary>
/// The defects of one message. Parsing fills it; lazy decoding (header values, bodies) may add to it later,
/// possibly from several threads, so readers get an immutable snapshot.
/// </summary>
internal sealed class DefectLog
{
    private readonly List<MimeDefect> _defects = [];
    private readonly Lock _gate = new();
    private MimeDefect[]? _snapshot;

    public void Add(string code, string partPath, long offset, string? detail = null) =>
        Add(new MimeDefect(code, partPath, offset, detail));

    public void Add(MimeDefect defect)
    {
        lock (_gate)
        {
            _defects.Add(defect);
            _snapshot = null;
        }
    }

    public void AddRange(IEnumerable<MimeDefect> defects)
    {
        lock (_gate)
        {
            _defects.AddRange(defects);
            _snapshot = null;
        }
    }

    public bool Contains(string code, string partPath)
    {
        lock (_gate)
            return _defects.Exists(d => d.Code == code && d.PartPath == partPath);
    }

    public IReadOnlyList<MimeDefect> Snapshot()
    {
        lock (_gate)
            return _snapshot ??= [.. _defects];
    }
}
