using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Admin;
using Portal.Localization;

namespace Portal.Components.Pages.Admin;

/// <summary>
/// An /admin page: texts in the admin's own language, the signed-in account's name for revisions and the audit
/// log, and (on interactive pages) confirmations and outcome messages through MudBlazor's dialog and snackbar.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected AdminTexts Texts { get; set; } = null!;

    [Inject] protected AdminLanguage AdminLanguage { get; set; } = null!;

    [Inject] protected IDialogService Dialogs { get; set; } = null!;

    [Inject] protected ISnackbar Snackbar { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected Localized T => Texts.For(AdminLanguage.Current.Code);

    protected async Task<string> ActorAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        return user?.Identity?.Name ?? throw new InvalidOperationException("An admin action ran without a signed-in user.");
    }

    protected async Task<bool> IsSignedInAsync() =>
        AuthenticationState is not null && (await AuthenticationState).User.Identity?.IsAuthenticated == true;

    protected async Task<bool> IsAdminAsync() =>
        AuthenticationState is not null && (await AuthenticationState).User.IsInRole(AdminRoles.Admin);

    protected string State(TranslationState state) => T[$"Admin.State.{state}"];

    /// <summary>Asks before a change that is hard to undo; true when the admin confirms.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string confirm, bool dangerous = false)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title }, { d => d.Message, message }, { d => d.ConfirmText, confirm },
            { d => d.CancelText, T["Admin.Confirm.Cancel"] }, { d => d.Dangerous, dangerous },
        };
        var dialog = await Dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    protected void Tell(string message, Severity severity = Severity.Success) => Snackbar.Add(message, severity);

    /// <summary>The data grids' pager texts in the admin's language ("{first_item}–{last_item} of {all_items}").</summary>
    protected string PagerInfo => T["Admin.Grid.PagerInfo"];

    protected string RowsPerPage => T["Admin.Grid.RowsPerPage"];
}
