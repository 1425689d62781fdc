using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Portal.Analysis.Report;

namespace Portal.Analysis.Dkim;

/// <summary>The outcome of looking up <c>selector._domainkey.domain</c>: a key, or why there is none (<see cref="DkimFailures"/>).</summary>
public sealed record KeyLookup(AsymmetricKeyParameter? Key, string? Failure, string? Detail = null);

/// <summary>Thrown to MimeKit's verifiers when there is no usable key, carrying the reason for the report.</summary>
public sealed class DkimKeyUnavailableException(KeyLookup lookup)
    : Exception($"{lookup.Failure}: {lookup.Detail}")
{
    public KeyLookup Lookup { get; } = lookup;
}

/// <summary>
/// DKIM/ARC public keys from DNS TXT records, with a short timeout and a cache shared by all analyses
/// (thread-safe: <see cref="LookupClient"/> is, and the cache is concurrent).
/// </summary>
public sealed class DnsKeyLocator : DkimPublicKeyLocatorBase
{
    private const int MaxCacheEntries = 10_000;
    private readonly LookupClient _client;
    private readonly TimeSpan _keep;
    private readonly TimeSpan _keepFailure;
    private readonly ConcurrentDictionary<string, (KeyLookup Lookup, DateTime Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public DnsKeyLocator(DkimOptions options)
    {
        var timeout = TimeSpan.FromMilliseconds(Math.Max(1, options.TimeoutMilliseconds));
        var clientOptions = string.IsNullOrWhiteSpace(options.DnsServer)
            ? new LookupClientOptions()
            : new LookupClientOptions(ParseEndpoint(options.DnsServer));
        clientOptions.Timeout = timeout;
        clientOptions.Retries = 0;
        // Our cache below holds parsed keys and NXDOMAIN answers; DnsClient's own would hold the same twice.
        clientOptions.UseCache = false;
        clientOptions.ThrowDnsErrors = false;
        clientOptions.ContinueOnDnsError = false;
        clientOptions.UseTcpFallback = true;
        _client = new LookupClient(clientOptions);
        _keep = TimeSpan.FromMinutes(Math.Max(0, options.CacheMinutes));
        _keepFailure = _keep / 10;
    }

    public static IPEndPoint ParseEndpoint(string server) =>
        IPEndPoint.TryParse(server.Trim(), out var endpoint)
            ? endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint
            : throw new FormatException($"Portal:Analysis:Dkim:DnsServer is not an address or address:port: '{server}'");

    public KeyLookup Lookup(string domain, string selector)
    {
        var name = $"{selector}._domainkey.{domain}";
        var now = DateTime.UtcNow;
        if (_cache.TryGetValue(name, out var cached) && cached.Until > now)
            return cached.Lookup;

        var lookup = Query(name);
        if (_cache.Count >= MaxCacheEntries)
            _cache.Clear();
        _cache[name] = (lookup, now + (lookup.Failure == DkimFailures.DnsFailure ? _keepFailure : _keep));
        return lookup;
    }

    private KeyLookup Query(string name)
    {
        IDnsQueryResponse response;
        try
        {
            response = _client.Query(name, QueryType.TXT);
        }
        catch (DnsResponseException e)
        {
            return new KeyLookup(null, DkimFailures.DnsFailure, e.Code.ToString());
        }
        catch (ArgumentException e)
        {
            // A selector or domain that is no DNS name (spaces, empty labels) comes from a broken signature.
            return new KeyLookup(null, DkimFailures.KeyMissing, e.Message);
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            return new KeyLookup(null, DkimFailures.KeyMissing, "NXDOMAIN");
        if (response.HasError)
            return new KeyLookup(null, DkimFailures.DnsFailure, response.ErrorMessage);

        // A long key is split into several strings of one record (RFC 6376 3.6.2.2).
        var record = response.Answers.TxtRecords().Select(r => string.Concat(r.Text)).FirstOrDefault(IsKeyRecord);
        if (record is null)
            return new KeyLookup(null, DkimFailures.KeyMissing, "no DKIM key record");
        if (DkimTags.Parse(record).TryGetValue("p", out var p) && p.Length == 0)
            return new KeyLookup(null, DkimFailures.KeyRevoked, "p= is empty");
        try
        {
            return new KeyLookup(GetPublicKey(record), null);
        }
        catch (Exception e) when (e is FormatException or MimeKit.ParseException or ArgumentException or InvalidOperationException
                                      or NotSupportedException or IOException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return new KeyLookup(null, DkimFailures.KeyInvalid, e.Message);
        }
    }

    private static bool IsKeyRecord(string txt) =>
        txt.Contains("p=", StringComparison.Ordinal) || txt.TrimStart().StartsWith("v=DKIM1", StringComparison.OrdinalIgnoreCase);

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        var lookup = Lookup(domain, selector);
        return lookup.Key ?? throw new DkimKeyUnavailableException(lookup);
    }

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
}
