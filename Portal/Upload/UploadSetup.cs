using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>Registrations and pipeline pieces of the email upload (page and API).</summary>
public static class UploadSetup
{
    public static IServiceCollection AddUpload(this IServiceCollection services)
    {
        services.AddSingleton<UploadedMessageAnalyzer>();
        services.AddSingleton<AnalysisGate>();
        services.AddSingleton<AnalyzeClientLimit>();
        services.AddHttpContextAccessor();
        services.AddScoped<PageAnalyzer>();
        services.AddSingleton<ReportLocalizer>();
        services.AddSingleton<RequestBodyReader>();
        services.AddSingleton<UploadProblems>();
        services.AddAnalyzeApiDescription();

        services.AddRateLimiter(limiter =>
        {
            // The analyzer counts its clients itself (AnalyzeClientLimit); what the middleware limits (the admin sign-in form)
            // is read by people: a plain sentence, not an API problem.
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
