namespace Portal.Hosting;

/// <summary>
/// Where the portal keeps its data and finds its articles. Defaults work for
/// <c>dotnet run --project Portal</c> from the repository root or from inside Portal/,
/// and for a deployed build given both directories explicitly.
/// </summary>
public sealed record PortalPaths(string DataDirectory, string ContentDirectory)
{
    public string DatabaseFile => Path.Combine(DataDirectory, "portal.db");

    public static PortalPaths Resolve(PortalOptions options, string contentRoot)
    {
        var root = FindRepositoryRoot(contentRoot) ?? FindRepositoryRoot(AppContext.BaseDirectory) ?? contentRoot;
        return new PortalPaths(
            Absolute(options.DataDirectory ?? "data", root),
            Absolute(options.ContentDirectory ?? "content", root));
    }

    private static string Absolute(string path, string root) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));

    /// <summary>The nearest folder, walking up, that holds both Portal/ and content/.</summary>
    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "content")) &&
                Directory.Exists(Path.Combine(dir.FullName, "Portal")))
                return dir.FullName;
        }
        return null;
    }
}
