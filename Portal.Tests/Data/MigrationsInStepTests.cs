using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// A model change needs a migration for each provider: this fails until both exist
/// (the commands are in the README, under "Several instances on PostgreSQL").
/// </summary>
public sealed class MigrationsInStepTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration (Data/Migrations).");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration (Data/Migrations/PostgreSql).");
    }
}
