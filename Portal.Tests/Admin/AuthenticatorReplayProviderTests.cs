using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>The used authenticator step is kept on both databases: on PostgreSQL a code also works once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class AuthenticatorReplayProviderTests(PostgreSqlServer postgres) : IDisposable
{
    private readonly AdminTestContent content = new();
    private PortalFactory? factory;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task A_code_signs_in_once_on_either_database(string provider)
    {
        factory = new PortalFactory { ContentDirectory = content.Directory };
        factory.Settings["Portal:Database:Provider"] = provider;
        if (provider == nameof(DatabaseProvider.PostgreSQL))
            factory.Settings["ConnectionStrings:Portal"] = await postgres.CreateDatabaseAsync();
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var key = AdminTestSupport.AuthenticatorKeyOf(email);
        var code = AdminTestSupport.CodeFor(key);

        string SecondStep(HttpResponseMessage response) => response.Headers.Location!.OriginalString;
        var first = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.PostSignInAsync(first, email, AdminTestSupport.Password);
        Assert.Equal("/admin", SecondStep(await AdminTestSupport.PostSecondFactorAsync(first, code)));

        var again = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.PostSignInAsync(again, email, AdminTestSupport.Password);
        Assert.StartsWith($"{AdminRoles.SecondFactorPath}?error=invalid", SecondStep(await AdminTestSupport.PostSecondFactorAsync(again, code)));
        Assert.Equal("/admin", SecondStep(await AdminTestSupport.PostSecondFactorAsync(again, AdminTestSupport.CodeFor(key, stepsAhead: 1))));
    }

    public void Dispose()
    {
        factory?.Dispose();
        content.Dispose();
    }
}
