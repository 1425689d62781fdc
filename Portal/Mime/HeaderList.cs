using System.Collections;

namespace Portal.Mime;

/// <summary>The header fields of one entity in their original order; lookups by name are case-insensitive.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly List<Header> _headers;

    internal HeaderList(List<Header> headers) => _headers = headers;

    public static HeaderList Empty { get; } = new([]);

    public int Count => _headers.Count;

    public Header this[int index] => _headers[index];

    /// <summary>The first field with this name, or null.</summary>
    public Header? this[string name]
    {
        get
        {
            foreach (var header in _headers)
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                    return header;
            return null;
        }
    }

    public IEnumerable<Header> GetAll(string name)
    {
        foreach (var header in _headers)
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                yield return header;
    }

    /// <summary>The decoded value of the first field with this name, or null.</summary>
    public string? GetValue(string name) => this[name]?.Value;

    public bool Contains(string name) => this[name] is not null;

    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
