namespace Portal.Components.Layout;

/// <summary>
/// The reader's light/dark choice, kept in a cookie by a plain form post. Without the cookie the page follows the
/// system setting through CSS (<c>prefers-color-scheme</c>), so no script and no circuit are needed either way.
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "theme";
    public const string Light = "light";
    public const string Dark = "dark";
    public const string Path = "/theme";

    /// <summary>"light", "dark", or null when the reader has not chosen.</summary>
    public static string? Read(HttpRequest request) =>
        request.Cookies[CookieName] is Light or Dark ? request.Cookies[CookieName] : null;

    /// <summary>Only a path on this site; anything else (another host, "//evil") goes home.</summary>
    public static string LocalReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
