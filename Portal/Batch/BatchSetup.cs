namespace Portal.Batch;

/// <summary>Registrations of the mailbox analysis (API, page and command line).</summary>
public static class BatchSetup
{
    public static IServiceCollection AddBatch(this IServiceCollection services) =>
        services
            .AddSingleton<MailboxAnalyzer>()
            .AddSingleton<MailboxJsonLines>();
}
