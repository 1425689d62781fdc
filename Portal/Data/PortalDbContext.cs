using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// Articles, the admin area and Identity's user tables (AspNetUsers, AspNetUserClaims, AspNetUserLogins,
/// AspNetUserTokens) in one database, on SQLite, the embedded default. Its migrations are in Data/Migrations; the
/// PostgreSQL variant (<see cref="PostgreSqlPortalDbContext"/>) has the same model and its own migrations.
/// </summary>
public class PortalDbContext : IdentityUserContext<AdminAccount, int>
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options) : base(options) { }

    /// <summary>For the provider variants: EF Core finds each one's migrations by its own context type.</summary>
    protected PortalDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTranslation> Translations => Set<ArticleTranslation>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<ArticleFeedback> Feedback => Set<ArticleFeedback>();
    /// <summary>Identity's users under the name the rest of the portal knows them by.</summary>
    public DbSet<AdminAccount> Accounts => Users;
    public DbSet<AdminSession> Sessions => Set<AdminSession>();
    public DbSet<SignInFailureTally> FailureTallies => Set<SignInFailureTally>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<ContentFileSync> ContentSync => Set<ContentFileSync>();
    public DbSet<RelayCatalogEntry> RelayEntries => Set<RelayCatalogEntry>();
    public DbSet<VendorCatalogEntry> VendorEntries => Set<VendorCatalogEntry>();
    public DbSet<SearchQueryDay> SearchQueries => Set<SearchQueryDay>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<Article>(a =>
        {
            a.HasIndex(x => x.Slug).IsUnique();
            a.Property(x => x.Slug).HasMaxLength(200);
        });
        model.Entity<ArticleTranslation>(t =>
        {
            t.HasIndex(x => new { x.ArticleId, x.Language }).IsUnique();
            t.Property(x => x.Language).HasMaxLength(8);
            t.Property(x => x.Version).IsConcurrencyToken();
        });
        model.Entity<ArticleRevision>(r => r.HasIndex(x => new { x.TranslationId, x.Number }).IsUnique());
        model.Entity<ArticleFeedback>(f => f.HasIndex(x => new { x.ArticleId, x.Language }));
        model.Entity<AdminAccount>(a =>
        {
            a.HasIndex(x => x.NormalizedEmail).IsUnique();
            // Identity saves an account by writing every column from the object it loaded; one loaded before a code was
            // accepted would put the old step back. Only OneTimeAuthenticatorCodes and AccountManager write it, each in one UPDATE.
            a.Property(x => x.AuthenticatorStep).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        });
        model.Entity<AdminSession>(s =>
        {
            s.Property(x => x.Id).HasMaxLength(64);
            s.HasIndex(x => x.AccountId);
            s.HasIndex(x => x.ExpiresAt);
            s.HasOne<AdminAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SignInFailureTally>(t =>
        {
            t.HasKey(x => x.Email);
            t.Property(x => x.Email).HasMaxLength(256);
            t.HasIndex(x => x.LastFailure);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.At);
            e.Property(x => x.Address).HasMaxLength(64);
        });
        model.Entity<ContentFileSync>(c => c.HasIndex(x => x.Path).IsUnique());
        model.Entity<RelayCatalogEntry>(r => r.HasIndex(x => new { x.ServiceId, x.Kind, x.Value }).IsUnique());
        model.Entity<VendorCatalogEntry>(v => v.HasIndex(x => new { x.VendorId, x.Target, x.Value }).IsUnique());
        model.Entity<SearchQueryDay>(q =>
        {
            q.ToTable("SearchQueries");
            q.HasIndex(x => new { x.Day, x.Language, x.Query }).IsUnique();
            q.Property(x => x.Language).HasMaxLength(8);
            q.Property(x => x.Query).HasMaxLength(SearchQueryLimits.QueryLength);
        });

        // SQLite cannot order or compare DateTimeOffset; store it as UTC ticks.
        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset)))
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
    }
}

/// <summary>
/// The same model on PostgreSQL, for several instances sharing one database. A type of its own so that its migrations
/// (Data/Migrations/PostgreSql) and model snapshot are kept apart from SQLite's. It also holds the data-protection keys,
/// which every instance must share so that a cookie or antiforgery token made by one is accepted by the others
/// (on SQLite, one instance keeps them in its data directory).
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
