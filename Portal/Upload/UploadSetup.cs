using System.Globalization;
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
        services.AddAnalyzeApiDescription();

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy<string, AnalyzeRateLimit>(RateLimitPolicy);
            // Every other limited endpoint (the admin sign-in form) is read by people: a plain sentence, not an API problem.
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                SetRetryAfter(rejected);
                var context = rejected.HttpContext;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var problems = context.RequestServices.GetRequiredService<UploadProblems>();
                await context.Response.WriteAsync(problems.Title(UploadRejection.RateLimited, AnalyzeApi.LanguageOf(context.Request)), cancellationToken);
            };
        });
        return services;
    }

    /// <summary>Requests to POST /api/analyze per client IP address; over the limit, the API's ProblemDetails.</summary>
    private sealed class AnalyzeRateLimit(IOptions<PortalOptions> options, UploadProblems problems) : IRateLimiterPolicy<string>
    {
        public RateLimitPartition<string> GetPartition(HttpContext context)
        {
            var limits = options.Value.Upload.RateLimit;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
        }

        public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => async (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var retryAfter = SetRetryAfter(rejected);
            await problems.For(UploadRejection.RateLimited, AnalyzeApi.LanguageOf(context.Request), context.Request.Path, retryAfter).ExecuteAsync(context);
        };
    }

    /// <summary>Sends Retry-After when the limiter knows the wait, and returns it in whole seconds.</summary>
    private static int? SetRetryAfter(OnRejectedContext rejected)
    {
        if (!rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
            return null;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
