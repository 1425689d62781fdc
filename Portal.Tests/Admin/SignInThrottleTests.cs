using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Admin;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Tests.Admin;

/// <summary>Lockout is no stranger's lever, and no oracle for which addresses have accounts.</summary>
public sealed partial class SignInThrottleTests(ITestOutputHelper output) : IDisposable
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
            (failures, until) = throttle.AccountFailed(failures, until);
            accountWaits.Add(((until ?? clock.Now) - clock.Now).TotalSeconds is var s && s > 0 ? s : 0);
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
        var code = await AdminTestSupport.PostSecondFactorAsync(own, AdminTestSupport.CodeForAccount(admin));
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/admin/accounts")).StatusCode);

        // Without a second factor the password alone cannot lift the wait.
        var editorsOwn = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), editor, AdminTestSupport.Password);
        Assert.Contains("error=locked", editorsOwn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_and_known_addresses_get_the_same_answers_in_the_same_time()
    {
        const int attempts = 15;
        var known = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";
        await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "warm-up@example.org", "warm up the hasher");

        var answers = new Dictionary<string, List<string>> { [known] = [], [unknown] = [] };
        var times = new Dictionary<string, List<double>> { [known] = [], [unknown] = [] };
        for (var i = 0; i < attempts; i++)
        {
            foreach (var email in new[] { known, unknown })
            {
                // Each attempt from a fresh address, as a botnet would: only the account's own count can tell them apart.
                var client = AdminTestSupport.Anonymous(factory);
                var token = await AdminTestSupport.TokenAsync(client, AdminRoles.SignInPath);
                var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = "wrong password " + i, ["returnUrl"] = "/admin",
                });
                var watch = Stopwatch.StartNew();
                var response = await client.PostAsync(AdminEndpoints.SessionPath, form);
                times[email].Add(watch.Elapsed.TotalMilliseconds);
                answers[email].Add(Retry().Replace(response.Headers.Location!.OriginalString, "retry=N") + " " + await Texts(client, response));
            }
        }

        Assert.Equal(answers[known], answers[unknown]);
        Assert.Contains(answers[known], a => a.Contains("error=locked", StringComparison.Ordinal));
        var (knownMedian, unknownMedian) = (Median(times[known]), Median(times[unknown]));
        output.WriteLine($"median known {knownMedian:F1} ms, unknown {unknownMedian:F1} ms; known {string.Join(' ', times[known].Select(t => t.ToString("F0")))}; unknown {string.Join(' ', times[unknown].Select(t => t.ToString("F0")))}");
        var floor = factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value.SignIn.MinimumFailureMilliseconds;
        // A few milliseconds of timer granularity either way.
        Assert.All(times.Values.SelectMany(t => t), t => Assert.True(t >= floor - 5, $"a refusal came after {t:F0} ms, before the {floor} ms floor"));
        Assert.True(Math.Abs(knownMedian - unknownMedian) < 0.1 * floor, $"median known {knownMedian:F0} ms vs unknown {unknownMedian:F0} ms");
    }

    /// <summary>The page the refusal leads to, as the visitor reads it.</summary>
    private static async Task<string> Texts(HttpClient client, HttpResponseMessage response)
    {
        var page = await client.GetStringAsync(response.Headers.Location);
        return Regex.Match(page, "data-testid=\"sign-in-error\">([^<]*)<").Groups[1].Value;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex(@"retry=\d+")]
    private static partial Regex Retry();

    public void Dispose() => factory.Dispose();
}
