using Portal.Mime;

namespace Portal.Analysis.Report;

/// <summary>The report's outline of the MIME structure: type, size and file name per part.</summary>
public static class MimeTree
{
    public static MimeNode Describe(MimeEntity entity)
    {
        var node = new MimeNode
        {
            PartPath = entity.PartPath,
            ContentType = entity.ContentType.MimeType,
            Size = entity.RawBody.Length,
            Filename = entity.FileName,
        };
        foreach (var child in entity.Children)
            node.Children.Add(Describe(child));
        return node;
    }
}
