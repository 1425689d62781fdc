using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>
/// The analyzer catalogs an Admin edits, against the app's real SQLite file and the app's own <see cref="EmailAnalyzer"/>:
/// an entry applies to the next analysis, removing it reverts, every change is audited, and entries survive a restart.
/// </summary>
public sealed class AnalyzerCatalogTests : IDisposable
{
    private const string Admin = "catalog-admin@example.org";
    private readonly AdminTestContent content = new();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("portal-catalog-data-").FullName;

    /// <summary>
    /// The SimpleLogin sample as it would look from a masking service the shipped catalog does not know:
    /// every SimpleLogin domain and header renamed to an invented one.
    /// </summary>
    private static byte[] UnknownRelayMessage() => Rewrite("relay/simplelogin.eml",
        ("X-SimpleLogin-", "X-Masking-"), ("simplelogin.co", "example-masking.test"), ("aleeas.com", "alias.example-masking.test"));

    /// <summary>The rights-managed sample with every Microsoft marker gone: only its attachment's name is left to go by.</summary>
    private static byte[] UnknownVendorMessage() => Rewrite("ome/rights-protected-rpmsg.eml",
        ("Content-Class: rpmsg.message\r\n", ""), ("application/x-microsoft-rpmsg-message", "application/octet-stream"),
        ("message.rpmsg", "statement.sealed-letter"));

    private static byte[] Rewrite(string sample, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(Corpus.Generated(sample), Encoding.ASCII);
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text); // the sample still has what this test renames
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return Encoding.ASCII.GetBytes(text);
    }

    private PortalFactory Start()
    {
        var factory = new PortalFactory { ContentDirectory = content.Directory };
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        return factory;
    }

    [Fact]
    public async Task A_relay_added_by_an_admin_is_reported_by_the_next_analysis_and_removing_it_reverts()
    {
        using var app = Start();
        var analyzer = app.Services.GetRequiredService<EmailAnalyzer>();
        var editor = app.Services.GetRequiredService<CatalogEditor>();
        var message = UnknownRelayMessage();
        Assert.Null(analyzer.Analyze(message).Relay.Service);

        var entry = new RelayCatalogEntry { ServiceId = "example-masking", ServiceName = "Example Masking", Kind = "domain", Value = "example-masking.test" };
        Assert.Equal(CatalogProblem.None, await editor.SaveRelayAsync(entry, Admin));
        var report = analyzer.Analyze(message);
        Assert.Equal("example-masking", report.Relay.Service);
        Assert.Contains(report.Relay.Evidence, e => e.Value?.Contains("example-masking.test", StringComparison.Ordinal) == true);

        var (relays, _) = await editor.ListAsync();
        Assert.Equal(CatalogProblem.None, await editor.RemoveRelayAsync(Assert.Single(relays).Id, Admin));
        Assert.Null(analyzer.Analyze(message).Relay.Service);

        var audit = await app.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Actor == Admin && e.Action == AuditActions.CatalogAdded && e.Target.Contains("example-masking.test"));
        Assert.Contains(audit, e => e.Actor == Admin && e.Action == AuditActions.CatalogRemoved && e.Detail.Contains("example-masking.test"));
    }

    [Fact]
    public async Task A_vendor_attachment_name_added_by_an_admin_is_recognized_by_the_next_analysis_and_removing_it_reverts()
    {
        using var app = Start();
        var analyzer = app.Services.GetRequiredService<EmailAnalyzer>();
        var editor = app.Services.GetRequiredService<CatalogEditor>();
        var message = UnknownVendorMessage();
        var before = analyzer.Analyze(message);
        Assert.Equal(EncryptionKinds.None, before.Encryption.Kind);
        Assert.Null(before.Encryption.Vendor);

        var entry = new VendorCatalogEntry
        {
            VendorId = "sealed-letter", VendorName = "Sealed Letter", Target = "attachment-name", Match = "glob",
            Value = "*.sealed-letter", Confidence = "high",
        };
        Assert.Equal(CatalogProblem.None, await editor.SaveVendorAsync(entry, Admin));
        var after = analyzer.Analyze(message);
        Assert.Equal(EncryptionKinds.Portal, after.Encryption.Kind);
        Assert.Equal("sealed-letter", after.Encryption.Vendor);
        Assert.Contains(after.Findings, f => f.Code == FindingCodes.EncryptionPortal.Code);

        var (_, vendors) = await editor.ListAsync();
        Assert.Equal(CatalogProblem.None, await editor.RemoveVendorAsync(Assert.Single(vendors).Id, Admin));
        Assert.Equal(EncryptionKinds.None, analyzer.Analyze(message).Encryption.Kind);

        var audit = await app.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.CatalogAdded && e.Target.Contains("*.sealed-letter"));
        Assert.Contains(audit, e => e.Action == AuditActions.CatalogRemoved && e.Detail.Contains("*.sealed-letter"));
    }

    [Fact]
    public async Task Catalog_entries_survive_a_restart_on_the_same_data_directory()
    {
        using (var first = Start())
        {
            var editor = first.Services.GetRequiredService<CatalogEditor>();
            Assert.Equal(CatalogProblem.None, await editor.SaveRelayAsync(
                new RelayCatalogEntry { ServiceId = "example-masking", ServiceName = "Example Masking", Kind = "domain", Value = "example-masking.test" }, Admin));
            Assert.Equal(CatalogProblem.None, await editor.SaveVendorAsync(
                new VendorCatalogEntry { VendorId = "sealed-letter", VendorName = "Sealed Letter", Target = "attachment-name", Match = "glob", Value = "*.sealed-letter", Confidence = "high" }, Admin));
        }

        using var second = Start();
        var analyzer = second.Services.GetRequiredService<EmailAnalyzer>();
        Assert.Equal("example-masking", analyzer.Analyze(UnknownRelayMessage()).Relay.Service);
        Assert.Equal("sealed-letter", analyzer.Analyze(UnknownVendorMessage()).Encryption.Vendor);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        content.Dispose();
    }
}
