using System.Text.RegularExpressions;

namespace Portal.Upload;

/// <summary>
/// Masks the local part of every email address in an exported text (<c>alice@example.test</c> →
/// <c>a***@example.test</c>), so that a report can be shared without the people in it. Applied to the
/// finished export, so that no field (headers, evidence, hops, arguments) can be missed.
/// </summary>
public static partial class AddressRedactor
{
    public static string Redact(string text) =>
        Address().Replace(text, m => $"{m.Groups["local"].Value[0]}***@{m.Groups["domain"].Value}");

    [GeneratedRegex(@"(?<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+)@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+)")]
    private static partial Regex Address();
}
