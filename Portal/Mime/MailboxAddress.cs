namespace Portal.Mime;

/// <summary>
/// One mailbox of an address header. <paramref name="Address"/> is "local@domain" as written (quotes kept);
/// <paramref name="LocalPart"/> is unquoted; <paramref name="Domain"/> is "" when the address has no "@".
/// <paramref name="Group"/> names the RFC 5322 group the mailbox was listed in.
/// </summary>
public sealed record MailboxAddress(string? DisplayName, string Address, string LocalPart, string Domain, string? Group = null)
{
    public override string ToString() => DisplayName is null ? $"<{Address}>" : $"{DisplayName} <{Address}>";
}
