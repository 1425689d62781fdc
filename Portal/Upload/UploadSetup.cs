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
                var problems = context.RequestServices.GetRequiredService<UploadProblems>();
                var language = AnalyzeApi.LanguageOf(context.Request);
                // The limiter is shared with the admin sign-in form, whose readers want a plain sentence, not an API problem.
                if (!context.Request.Path.Equals(AnalyzeApi.Route, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await context.Response.WriteAsync(problems.Title(UploadRejection.RateLimited, language), cancellationToken);
                    return;
                }
                await problems.For(UploadRejection.RateLimited, language, context.Request.Path, retryAfter).ExecuteAsync(context);
            };
        });
        return services;
    }
}
