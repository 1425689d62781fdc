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

/// <summary>Timing measurements run alone, after the parallel tests, so other tests' load does not decide them.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>An address without an account answers like one with an account, in text and in time.</summary>
[Collection(nameof(TimingCollection))]
public sealed partial class SignInTimingTests(ITestOutputHelper output) : IDisposable
{
    private readonly PortalFactory factory = new();

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
        // Alone on an idle machine the medians differ by a millisecond or two; a busy one adds noise to both.
        Assert.True(Math.Abs(knownMedian - unknownMedian) < Math.Max(0.1 * floor, 0.15 * Math.Max(knownMedian, unknownMedian)),
            $"median known {knownMedian:F0} ms vs unknown {unknownMedian:F0} ms");
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
