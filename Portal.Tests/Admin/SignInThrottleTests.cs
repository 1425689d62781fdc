using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Admin;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Lockout is no stranger's lever, and no oracle for which addresses have accounts.</summary>
public sealed class SignInThrottleTests : IDisposable
{
    private readonly PortalFactory factory = new();

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Waits_double_with_each_failure_past_the_free_ones_up_to_the_cap_and_are_forgotten_after_an_hour()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(Options.Create(new PortalOptions()), clock);
        var waits = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            throttle.AddressFailed("203.0.113.1");
            waits.Add(((throttle.AddressWaitsUntil("203.0.113.1") ?? clock.Now) - clock.Now).TotalSeconds);
        }
        Assert.Equal([0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900], waits);
        Assert.True(throttle.IsClean("203.0.113.2"));

        var (failures, until) = (0, (DateTimeOffset?)null);
        var accountWaits = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            (failures, var next) = throttle.AccountFailed(failures, until);
            until = next;
            accountWaits.Add((next - clock.Now).TotalSeconds);
        }
        Assert.Equal([0, 0, 0, 0, 60, 120, 240, 480, 900], accountWaits);

        clock.Now += TimeSpan.FromMinutes(15 + 61);
        Assert.True(throttle.IsClean("203.0.113.1"));
        Assert.Null(throttle.AddressWaitsUntil("203.0.113.1"));
        Assert.Equal(1, throttle.AccountFailed(failures, until).Failures);
    }

    [Fact]
    public async Task One_address_cannot_lock_more_than_one_account_a_minute()
    {
        factory.Settings["Portal:SignIn:MinimumFailureMilliseconds"] = "0"; // only the budgets matter here
        var victims = new List<string>();
        for (var i = 0; i < 6; i++)
            victims.Add(await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor));
        var attacker = AdminTestSupport.Anonymous(factory);
        foreach (var victim in victims)
            for (var i = 0; i < 5; i++)
                await AdminTestSupport.PostSignInAsync(attacker, victim, "guess " + i);

        var locked = (await factory.Services.GetRequiredService<AccountService>().ListAsync())
            .Where(a => victims.Contains(a.Email!) && a.LockedUntil > DateTimeOffset.UtcNow).ToList();
        Assert.Single(locked);
        foreach (var victim in victims.Where(v => locked.All(l => l.Email != v)))
            await AdminTestSupport.SignInAsync(AdminTestSupport.Anonymous(factory), victim);

        // Still waiting, or past the per-minute request budget: either way not let in.
        var waiting = await AdminTestSupport.PostSignInAsync(attacker, victims[^1], AdminTestSupport.Password);
        Assert.True(waiting.StatusCode == HttpStatusCode.TooManyRequests || waiting.Headers.Location!.OriginalString.Contains("error=locked"),
            $"{(int)waiting.StatusCode} {waiting.Headers.Location}");
    }

    [Fact]
    public async Task An_admin_with_a_second_factor_signs_in_from_a_new_address_while_strangers_keep_the_account_locked()
    {
        var admin = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var editor = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        foreach (var target in new[] { admin, editor })
            for (var i = 0; i < 5; i++)
                await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), target, "guess " + i);

        // A stranger's address that has failed gets nowhere, even with the password.
        var stranger = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.PostSignInAsync(stranger, admin, "one more guess");
        Assert.Contains("error=locked", (await AdminTestSupport.PostSignInAsync(stranger, admin, AdminTestSupport.Password)).Headers.Location!.OriginalString);

        // The admin's own, clean address: password, then the code, then the Admin pages.
        var own = AdminTestSupport.Anonymous(factory);
        var password = await AdminTestSupport.PostSignInAsync(own, admin, AdminTestSupport.Password);
        Assert.StartsWith(AdminRoles.SecondFactorPath, password.Headers.Location!.OriginalString);
        var code = await AdminTestSupport.PostSecondFactorAsync(own, await AdminTestSupport.CodeForAccountAsync(admin));
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/admin/accounts")).StatusCode);

        // Without a second factor the password alone cannot lift the wait.
        var editorsOwn = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), editor, AdminTestSupport.Password);
        Assert.Contains("error=locked", editorsOwn.Headers.Location!.OriginalString);
    }

    public void Dispose() => factory.Dispose();
}
