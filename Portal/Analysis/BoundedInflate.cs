namespace Portal.Analysis;

/// <summary>
/// Reads a decompressing stream to the end, up to a limit: compressed data in a message (CMS compressed-data,
/// OpenPGP compressed packets) must not be able to inflate into gigabytes on the server. The per-piece cap alone
/// does not bound a message that holds hundreds of pieces, so every chunk is also spent from the analysis budget.
/// </summary>
internal static class BoundedInflate
{
    /// <summary>The inflated bytes, or null when they exceed <paramref name="maxBytes"/> or the data is corrupt.</summary>
    /// <exception cref="AnalysisStoppedException">The analysis budget ran out while inflating.</exception>
    public static byte[]? ReadAll(Stream decompressing, int maxBytes, AnalysisBudget? budget)
    {
        try
        {
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = decompressing.Read(buffer)) > 0)
            {
                budget?.SpendBytes(read);
                if (output.Length + read > maxBytes)
                    return null;
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
