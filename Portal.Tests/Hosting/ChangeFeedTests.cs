using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Hosting;

public sealed class ChangeFeedTests
{
    [Fact]
    public async Task A_handler_whose_subscription_is_disposed_no_longer_hears_changes_and_the_others_still_do()
    {
        var folder = Directory.CreateTempSubdirectory("portal-feed-").FullName;
        try
        {
            await using var database = PortalDatabase.Create(new DatabaseOptions(), null, new PortalPaths(folder, folder));
            var feed = new ChangeFeed(database, NullLogger<ChangeFeed>.Instance);
            var (kept, dropped) = (0, 0);
            using var keep = feed.Subscribe(ChangeKind.Accounts, () => kept++);
            var drop = feed.Subscribe(ChangeKind.Accounts, () => dropped++);

            await feed.PublishAsync(ChangeKind.Accounts);
            drop.Dispose();
            drop.Dispose();
            await feed.PublishAsync(ChangeKind.Accounts);

            Assert.Equal((2, 1), (kept, dropped));
            Assert.Equal(1, feed.SubscriberCount(ChangeKind.Accounts));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Admin_pages_served_without_a_circuit_leave_no_account_listener_behind()
    {
        using var content = new AdminTestContent();
        using var factory = new PortalFactory { ContentDirectory = content.Directory };
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);
        var feed = factory.Services.GetRequiredService<ChangeFeed>();
        var before = feed.SubscriberCount(ChangeKind.Accounts);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/admin/articles/{AdminTestContent.Slug}/de")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        }

        // A request's scope (and its listener) is disposed just after its response has gone out.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (feed.SubscriberCount(ChangeKind.Accounts) > before && watch.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(20);
        Assert.InRange(feed.SubscriberCount(ChangeKind.Accounts), 0, before);
    }
}
