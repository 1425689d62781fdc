using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// Growing delays for failed sign-ins, by client address and by account. Past the free failures each one doubles the
/// wait, up to the cap. A known account's count and wait live in Identity's columns (AccessFailedCount, LockoutEnd),
/// those of an address typed that has no account in <see cref="Data.SignInFailureTally"/>, both by
/// <see cref="AccountFailed"/>; client addresses are counted here in memory.
/// </summary>
public sealed class SignInThrottle(IOptions<PortalOptions> options, TimeProvider clock)
{
    private const int MaxRemembered = 50_000;

    private readonly record struct Tally(int Failures, DateTimeOffset Last, DateTimeOffset? Until);

    private readonly ConcurrentDictionary<string, Tally> addresses = new(StringComparer.Ordinal);

    private SignInLimits Limits => options.Value.SignIn;
    private TimeSpan ForgetAfter => TimeSpan.FromMinutes(Limits.ForgetAfterMinutes);

    /// <summary>When the address may try again, if it must wait now.</summary>
    public DateTimeOffset? AddressWaitsUntil(string address) =>
        Current(addresses, address) is { Until: { } until } && until > clock.GetUtcNow() ? until : null;

    /// <summary>No failure from this address is remembered: the "new address" that a second factor may use despite a locked account.</summary>
    public bool IsClean(string address) => Current(addresses, address).Failures == 0;

    public void AddressFailed(string address) =>
        Fail(addresses, address, failures => Delay(failures, Limits.FreeFailuresPerAddress, Limits.AddressDelaySeconds));

    /// <summary>
    /// An account's next count and wait after a failure, from its current ones, forgetting failures whose wait
    /// ended long ago. The same rule for accounts and for addresses typed that have none.
    /// </summary>
    /// <remarks>
    /// The answer's time is the end of the wait, or the failure itself when there is none: stored in LockoutEnd (or the
    /// tally), it dates the last failure too, so old failures are forgotten alike for known and unknown addresses.
    /// </remarks>
    public (int Failures, DateTimeOffset WaitUntil) AccountFailed(int failures, DateTimeOffset? waitUntil)
    {
        var now = clock.GetUtcNow();
        if (waitUntil is { } until && until + ForgetAfter < now)
            failures = 0;
        failures++;
        return (failures, Delay(failures, Limits.FreeFailuresPerAccount, Limits.AccountDelaySeconds) is { } delay ? now + delay : now);
    }

    private TimeSpan? Delay(int failures, int free, int firstSeconds)
    {
        if (failures < free)
            return null;
        var seconds = firstSeconds * Math.Pow(2, Math.Min(failures - free, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, Limits.MaxDelayMinutes * 60.0));
    }

    private Tally Current(ConcurrentDictionary<string, Tally> tallies, string key) =>
        tallies.TryGetValue(key, out var tally) && tally.Last + ForgetAfter >= clock.GetUtcNow() ? tally : default;

    private Tally Fail(ConcurrentDictionary<string, Tally> tallies, string key, Func<int, TimeSpan?> delay)
    {
        var now = clock.GetUtcNow();
        if (tallies.Count >= MaxRemembered)
            Forget(tallies, now);
        return tallies.AddOrUpdate(key,
            _ => Next(default),
            (_, tally) => Next(tally.Last + ForgetAfter >= now ? tally : default));

        Tally Next(Tally tally)
        {
            var failures = tally.Failures + 1;
            return new Tally(failures, now, delay(failures) is { } wait ? now + wait : tally.Until);
        }
    }

    /// <summary>Drops what has been forgotten anyway; a flood of fresh keys beyond the bound drops the oldest half.</summary>
    private void Forget(ConcurrentDictionary<string, Tally> tallies, DateTimeOffset now)
    {
        foreach (var (key, tally) in tallies)
            if (tally.Last + ForgetAfter < now)
                tallies.TryRemove(key, out _);
        if (tallies.Count < MaxRemembered)
            return;
        foreach (var (key, _) in tallies.OrderBy(t => t.Value.Last).Take(tallies.Count / 2).ToList())
            tallies.TryRemove(key, out _);
    }
}
