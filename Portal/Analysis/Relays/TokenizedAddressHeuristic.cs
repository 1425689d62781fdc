using Portal.Mime;

namespace Portal.Analysis.Relays;

/// <summary>The verdict on a Reply-To address, with the reasons that led to it.</summary>
public sealed record TokenizedAddressVerdict(bool DiffersFromFrom, bool RelayDomain, bool MachineGenerated, string Domain)
{
    public bool Tokenized => DiffersFromFrom && (RelayDomain || MachineGenerated);

    /// <summary>The reasons in English, as the report's evidence note has always given them.</summary>
    public string Note => string.Join("; ", new[]
    {
        DiffersFromFrom ? "Reply-To domain differs from From" : null,
        RelayDomain ? $"{Domain} is a relay domain" : null,
        MachineGenerated ? "local part looks machine-generated" : null,
    }.OfType<string>());
}

/// <summary>
/// Says whether a Reply-To looks like a per-message or per-contact token minted by a relay or a
/// ticketing system: it points to another domain than From and either has a high-entropy local
/// part or lives at a known relay domain. Replies then go to the token, not to a person's mailbox.
/// It never tries to work out who is behind the token.
/// </summary>
public static class TokenizedAddressHeuristic
{
    /// <summary>Shorter local parts (e.g. "k3xq7z9w1") carry too little text for entropy to mean much unless they mix letters and digits.</summary>
    private const int MinimumTokenLength = 8;

    public static TokenizedAddressVerdict Judge(MailboxAddress replyTo, MailboxAddress? from, RelayCatalog catalog)
    {
        var domain = replyTo.Domain.ToLowerInvariant();
        var differs = from is null || !SameOrganization(replyTo.Domain, from.Domain);
        return differs
            ? new TokenizedAddressVerdict(true, catalog.IsRelayDomain(replyTo.Domain), LooksRandom(replyTo.LocalPart), domain)
            : new TokenizedAddressVerdict(false, false, false, domain);
    }

    /// <summary>Shannon entropy per character plus a mix of character classes: tokens mix letters and digits, names rarely do.</summary>
    public static bool LooksRandom(string localPart)
    {
        var token = localPart.Split('+')[0];
        if (token.Length < MinimumTokenLength)
            return false;
        var digits = token.Count(char.IsAsciiDigit);
        var letters = token.Count(char.IsAsciiLetter);
        var entropy = ShannonEntropy(token);
        var mixed = digits >= 2 && letters >= 2;
        return token.Length >= 24 && entropy >= 3.5 || mixed && entropy >= 2.8 && digits * 5 >= token.Length;
    }

    public static double ShannonEntropy(string text)
    {
        if (text.Length == 0)
            return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in text.ToLowerInvariant())
            counts[c] = counts.GetValueOrDefault(c) + 1;
        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / text.Length;
            entropy -= p * Math.Log2(p);
        }
        return entropy;
    }

    /// <summary>Relaxed comparison on the last two labels: mail.shop.example and shop.example belong together.</summary>
    public static bool SameOrganization(string a, string b) =>
        string.Equals(OrganizationalDomain(a), OrganizationalDomain(b), StringComparison.OrdinalIgnoreCase);

    // Without the public suffix list this is an approximation (co.uk and similar count as one organization).
    public static string OrganizationalDomain(string domain)
    {
        var labels = domain.Trim('.').ToLowerInvariant().Split('.');
        return labels.Length <= 2 ? string.Join('.', labels) : string.Join('.', labels[^2..]);
    }
}
