using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Admin;
using Portal.Localization;

namespace Portal.Components.Pages.Admin;

/// <summary>An /admin page: texts in the admin's language and the signed-in account's name for revisions and the audit log.</summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected AdminTexts Texts { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected Localized T => Texts.ForRequest();

    protected async Task<string> ActorAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        return user?.Identity?.Name ?? throw new InvalidOperationException("An admin action ran without a signed-in user.");
    }

    protected async Task<bool> IsAdminAsync() =>
        AuthenticationState is not null && (await AuthenticationState).User.IsInRole(AdminRoles.Admin);

    protected string State(TranslationState state) => T[$"Admin.State.{state}"];
}
