using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>Registrations and pipeline pieces of the email upload (page and API).</summary>
public static class UploadSetup
{
    public const string RateLimitPolicy = "analyze";

    /// <summary>
    /// The analyze page and API never need anything from another origin: the message's own HTML is
    /// never rendered, and this keeps it that way should a bug ever let markup through. Blazor needs
    /// its own script and WebSocket ('self'), and inline styles for its reconnect dialog.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddUpload(this IServiceCollection services)
    {
        services.AddSingleton<UploadedMessageAnalyzer>();
        services.AddSingleton<ReportLocalizer>();
        services.AddSingleton<RequestBodyReader>();
        services.AddSingleton<UploadProblems>();

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.Upload.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                int? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : null;
                if (retryAfter is not null)
                    context.Response.Headers.RetryAfter = retryAfter.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problem = context.RequestServices.GetRequiredService<UploadProblems>()
                    .For(UploadRejection.RateLimited, AnalyzeApi.LanguageOf(context.Request), context.Request.Path, retryAfter);
                await problem.ExecuteAsync(context);
            };
        });
        return services;
    }

    /// <summary>Adds the Content-Security-Policy to the analyze page (/{lang}/analyze) and the API.</summary>
    public static void UseAnalyzeContentSecurityPolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (IsAnalyzePath(context.Request.Path))
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });

    public static bool IsAnalyzePath(PathString path)
    {
        var value = path.Value ?? "";
        if (value.Equals(AnalyzeApi.Route, StringComparison.OrdinalIgnoreCase))
            return true;
        var segments = value.Trim('/').Split('/');
        return segments is [_, "analyze"];
    }
}
