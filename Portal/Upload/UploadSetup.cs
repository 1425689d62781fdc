using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>Registrations and pipeline pieces of the email upload (page and API).</summary>
public static class UploadSetup
{
    public const string RateLimitPolicy = "analyze";

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
}
