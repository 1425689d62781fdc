using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// Growing delays for failed sign-ins, by client address and by account. Past the free failures each one doubles the
/// wait, up to the cap. A known account's count and wait live in Identity's columns (AccessFailedCount, LockoutEnd);
/// addresses, and addresses typed that have no account, are counted here in memory, by the same rule, so an unknown
/// address answers exactly like a known one.
/// </summary>
public sealed class SignInThrottle(IOptions<PortalOptions> options, TimeProvider clock)
{
    private const int MaxRemembered = 50_000;

    private readonly record struct Tally(int Failures, DateTimeOffset Last, DateTimeOffset? Until);

    private readonly ConcurrentDictionary<string, Tally> addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tally> unknownAccounts = new(StringComparer.Ordinal);

    private SignInLimits Limits => options.Value.SignIn;
    private TimeSpan ForgetAfter => TimeSpan.FromMinutes(Limits.ForgetAfterMinutes);

    /// <summary>When the address may try again, if it must wait now.</summary>
    public DateTimeOffset? AddressWaitsUntil(string address) =>
        Current(addresses, address) is { Until: { } until } && until > clock.GetUtcNow() ? until : null;

    /// <summary>No failure from this address is remembered: the "new address" that a second factor may use despite a locked account.</summary>
    public bool IsClean(string address) => Current(addresses, address).Failures == 0;

    public void AddressFailed(string address) =>
        Fail(addresses, address, failures => Delay(failures, Limits.FreeFailuresPerAddress, Limits.AddressDelaySeconds));

    /// <summary>When an address typed that has no account may be tried again, if it must wait now.</summary>
    public DateTimeOffset? UnknownAccountWaitsUntil(string email) =>
        Current(unknownAccounts, email) is { Until: { } until } && until > clock.GetUtcNow() ? until : null;

    public DateTimeOffset? UnknownAccountFailed(string email) =>
        Fail(unknownAccounts, email, failures => Delay(failures, Limits.FreeFailuresPerAccount, Limits.AccountDelaySeconds)).Until;

    /// <summary>
    /// A known account's next state after a failure, from its current count and lock: the same rule as for unknown
    /// addresses, including forgetting old failures.
    /// </summary>
    public (int Failures, DateTimeOffset? Until) AccountFailed(int failures, DateTimeOffset? lockedUntil)
    {
        var now = clock.GetUtcNow();
        if (lockedUntil is { } until && until + ForgetAfter < now)
            failures = 0;
        failures++;
        return (failures, Delay(failures, Limits.FreeFailuresPerAccount, Limits.AccountDelaySeconds) is { } delay ? now + delay : lockedUntil);
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
