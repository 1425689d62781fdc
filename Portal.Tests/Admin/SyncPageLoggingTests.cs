using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>A broken content file is reported once, by the import, not again on every visit of /admin/sync.</summary>
public sealed class SyncPageLoggingTests : IDisposable
{
    private readonly AdminTestContent content = new();
    private readonly CapturingFactory factory;

    public SyncPageLoggingTests()
    {
        File.WriteAllText(Path.Combine(content.Directory, "de", "broken.md"), "no front matter here\n");
        factory = new CapturingFactory { ContentDirectory = content.Directory };
    }

    [Fact]
    public async Task Content_problems_are_logged_by_the_import_and_not_by_each_visit_of_the_sync_page()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);
        int ProblemLines() => factory.Warnings.Count(w => w.Contains("broken.md", StringComparison.Ordinal));
        Assert.Equal(1, ProblemLines());

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/sync")).StatusCode);
        Assert.Equal(1, ProblemLines());
    }

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }

    private sealed class CapturingFactory : PortalFactory
    {
        private readonly WarningCapture capture = new();

        public IEnumerable<string> Warnings => capture.Warnings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(capture));
        }
    }

    private sealed class WarningCapture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Warnings.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
