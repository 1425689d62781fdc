using Portal.Admin;
using Portal.Data;
using Portal.Localization;

namespace Portal.Components.Pages.Admin;

/// <summary>An audit entry's action and details in the admin's language. Unknown actions and free-text details stay as stored.</summary>
public static class AuditText
{
    /// <summary>Sign-in refusals are stored as these fixed words by the sign-in service.</summary>
    private static readonly Dictionary<string, string> SignInReasons = new(StringComparer.Ordinal)
    {
        ["unknown account"] = "unknown-account", ["disabled"] = "disabled", ["locked"] = "locked",
    };

    public static string Action(string action, Localized T) =>
        typeof(AuditActions).GetFields().Any(f => (string?)f.GetRawConstantValue() == action) ? T[$"Admin.Audit.Action.{action}"] : action;

    public static string Detail(string detail, Localized T)
    {
        if (AuditDetails.Parse(detail) is var (code, arguments))
            return T[$"Admin.Audit.Detail.{code}", [.. arguments]];
        if (Enum.TryParse<AdminRole>(detail, out var role) && Enum.IsDefined(role))
            return T[$"Admin.Role.{role}"];
        return SignInReasons.TryGetValue(detail, out var reason) ? T[$"Admin.Audit.Detail.{reason}"] : detail;
    }
}
