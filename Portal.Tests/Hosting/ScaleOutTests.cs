using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using Portal.Admin;
using Portal.Data;
using Portal.Hosting;
using Portal.Tests.Admin;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Hosting;

/// <summary>
/// Two portal processes on one real PostgreSQL behind a real nginx running the checked-in Portal/Deploy/nginx/portal.conf,
/// all on loopback and started here. Requests go through nginx unless a test reads one instance directly.
/// </summary>
public sealed partial class ScaleOutTests : IClassFixture<ScaleOutTests.Cluster>, IClassFixture<Support.Browser>
{
    public sealed class Cluster : IAsyncLifetime
    {
        private readonly PostgreSqlServer postgres = new();
        private readonly Dictionary<string, string> settings = [];

        public AdminTestContent Content { get; } = new();
        public List<PortalProcess> Instances { get; } = [];
        public NginxServer Nginx { get; private set; } = null!;
        public string EditorEmail { get; private set; } = null!;
        public string ConnectionString { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await postgres.InitializeAsync();
            ConnectionString = await postgres.CreateDatabaseAsync();
            settings["Portal__Database__Provider"] = "PostgreSQL";
            settings["ConnectionStrings__Portal"] = ConnectionString;
            settings["Portal__ContentDirectory"] = Content.Directory;
            settings["Portal__DataDirectory"] = Directory.CreateTempSubdirectory("portal-scaleout-").FullName;
            // nginx is the one proxy whose X-Forwarded-For and -Proto the app believes.
            settings["Portal__Proxy__KnownProxies__0"] = "127.0.0.1";
            // Both start at once: the start-up lock lets one migrate and import while the other waits.
            Instances.AddRange(await Task.WhenAll(PortalProcess.StartAsync(settings), PortalProcess.StartAsync(settings)));
            Nginx = await NginxServer.StartAsync(Instances.Select(i => i.Port).ToArray());

            EditorEmail = "editor@scaleout.example";
            Assert.Equal(0, await AdminAsync("create", EditorEmail, "--role", "Editor"));
        }

        /// <summary>
        /// <c>Portal admin …</c> as an operator runs it from a third process's configuration (the same database), with
        /// the test password; what it printed is in the failure message.
        /// </summary>
        public async Task<int> AdminAsync(params string[] args)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value))
                .Build();
            using var output = new StringWriter();
            var exitCode = await new AdminCommand(configuration, output, output,
                name => name == AdminCommand.PasswordVariable ? AdminTestSupport.Password : null, _ => null).RunAsync(args);
            Assert.True(exitCode == 0, $"Portal admin {string.Join(' ', args)} exited with {exitCode}: {output}");
            return exitCode;
        }

        /// <summary>What the instances and nginx logged, for a failure message.</summary>
        public string Logs() =>
            string.Join("\n", Instances.Select(i => $"--- instance {i.Port} ---\n{i.Output}")) + $"\n--- nginx ---\n{Nginx.ErrorLog()}";

        /// <summary>Starts a killed instance again on its own port, so nginx's configuration still names it.</summary>
        public async Task RestartAsync(int index)
        {
            await Instances[index].DisposeAsync();
            Instances[index] = await PortalProcess.StartAsync(settings, Instances[index].Port);
        }

        public async Task DisposeAsync()
        {
            if (Nginx is not null)
                await Nginx.DisposeAsync();
            foreach (var instance in Instances)
                await instance.DisposeAsync();
            await postgres.DisposeAsync();
            Content.Dispose();
            try { Directory.Delete(settings["Portal__DataDirectory"], recursive: true); } catch (IOException) { } catch (KeyNotFoundException) { }
        }
    }

    /// <summary>A circuit starts (and answers) through nginx on an instance that may just have been restarted, on a busy machine.</summary>
    private const float CircuitStart = 20_000;

    private readonly Cluster cluster;
    private readonly Support.Browser browser;

    public ScaleOutTests(Cluster cluster, Support.Browser browser) => (this.cluster, this.browser) = (cluster, browser);

    [Fact]
    public async Task Signed_in_through_nginx_an_editor_stays_signed_in_whichever_instance_answers()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(cluster.Nginx.BaseUrl),
        };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PortalHealth.ReadyPath)).StatusCode);
        // The sign-in page and the form post may come from different instances: the antiforgery token is valid on both.
        var signedIn = await AdminTestSupport.PostSignInAsync(client, cluster.EditorEmail, AdminTestSupport.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var history = $"/admin/articles/{AdminTestContent.Slug}/de/history";
        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(history)).StatusCode);
        Assert.Equal(2, cluster.Nginx.InstancesThatAnswered(history).Count);
    }

    [Fact]
    public async Task Disabling_an_account_on_one_instance_ends_its_sessions_on_every_instance_within_two_seconds()
    {
        await cluster.AdminAsync("create", "leaving@scaleout.example", "--role", "Editor");
        var cookies = new CookieContainer();
        using (var signIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(cluster.Nginx.BaseUrl) })
            Assert.Equal(HttpStatusCode.Redirect, (await AdminTestSupport.PostSignInAsync(signIn, "leaving@scaleout.example", AdminTestSupport.Password)).StatusCode);
        // The session cookie as a browser would send it, to each instance directly (each reads the session's row on every request).
        var cookie = cookies.GetCookieHeader(new Uri(cluster.Nginx.BaseUrl));
        var history = $"/admin/articles/{AdminTestContent.Slug}/de/history";
        async Task<HttpStatusCode> AskAsync(PortalProcess instance)
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, instance.BaseUrl + history);
            request.Headers.Add("Cookie", cookie);
            return (await client.SendAsync(request)).StatusCode;
        }
        foreach (var instance in cluster.Instances)
            Assert.Equal(HttpStatusCode.OK, await AskAsync(instance));

        // Disabled from a third process (the command line): its sessions are rows in the shared database, gone for both instances.
        await cluster.AdminAsync("disable", "leaving@scaleout.example");
        var watch = Stopwatch.StartNew();
        foreach (var instance in cluster.Instances)
            while (await AskAsync(instance) == HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(5))
                await Task.Delay(50);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the session still worked after {watch.Elapsed}");
        foreach (var instance in cluster.Instances)
            Assert.Equal(HttpStatusCode.Redirect, await AskAsync(instance));
    }

    [Fact]
    public async Task Disabling_an_account_sends_its_open_editor_to_sign_in_within_two_seconds_whichever_instance_holds_it()
    {
        await cluster.AdminAsync("create", "open-editor@scaleout.example", "--role", "Editor");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{cluster.Nginx.BaseUrl}/admin/articles/{AdminTestContent.Slug}/de");
        await page.FillAsync("input[name=email]", "open-editor@scaleout.example");
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        try { await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = CircuitStart }); }
        catch (PlaywrightException e) { throw new InvalidOperationException(cluster.Logs(), e); }

        // Disabled from a third process: the change reaches the instance holding the circuit through NOTIFY, and the
        // circuit checks its session then, not at its next one-minute revalidation.
        await cluster.AdminAsync("disable", "open-editor@scaleout.example");
        var watch = Stopwatch.StartNew();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(AdminRoles.SignInPath)), new() { Timeout = 5_000 });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the open editor was sent to sign in after {watch.Elapsed}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_publish_through_nginx_is_read_on_every_instance_within_two_seconds()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{cluster.Nginx.BaseUrl}/admin/articles/{AdminTestContent.Slug}/de");
        await page.FillAsync("input[name=email]", cluster.EditorEmail);
        await page.FillAsync("input[name=password]", AdminTestSupport.Password);
        await page.ClickAsync("button[type=submit]");
        try { await Expect(page.Locator("[data-interactive]").First).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = CircuitStart }); }
        catch (PlaywrightException e) { throw new InvalidOperationException(cluster.Logs(), e); }
        // Both instances have the article cached before the change.
        using var reader = new HttpClient();
        foreach (var instance in cluster.Instances)
            Assert.DoesNotContain("Verschlüsselung über zwei Instanzen", await reader.GetStringAsync($"{instance.BaseUrl}/de/articles/{AdminTestContent.Slug}"));

        await page.GetByTestId("title").FillAsync("Verschlüsselung über zwei Instanzen");
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("message")).ToBeVisibleAsync();
        var watch = Stopwatch.StartNew();
        foreach (var instance in cluster.Instances)
        {
            while (!(await reader.GetStringAsync($"{instance.BaseUrl}/de/articles/{AdminTestContent.Slug}")).Contains("Verschlüsselung über zwei Instanzen")
                   && watch.Elapsed < TimeSpan.FromSeconds(5))
                await Task.Delay(50);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the other instance showed the change after {watch.Elapsed}");
    }

    [Fact]
    public async Task The_analyzer_page_through_nginx_keeps_its_circuit_on_one_instance()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{cluster.Nginx.BaseUrl}/en/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = CircuitStart });

        // Pasted through the circuit (a SignalR message), twice: both answers must come from the instance holding the circuit.
        await PasteAsync(page, Corpus.Generated("relay/firefox-relay.eml"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("Firefox Relay forwarded to its user", new() { Timeout = CircuitStart });
        await PasteAsync(page, Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));
        await Expect(page.Locator(".verdict__text")).ToContainTextAsync("encrypted with S/MIME for 2 recipients.", new() { Timeout = CircuitStart });

        await page.Context.CloseAsync();
        Assert.Single(cluster.Nginx.InstancesThatAnswered("/_blazor"));
    }

    private static async Task PasteAsync(IPage page, string file)
    {
        await page.Locator(".paste__input textarea").First.FillAsync(await File.ReadAllTextAsync(file));
        await page.Locator(".paste__submit").ClickAsync();
    }

    /// <summary>A session through nginx for <see cref="EditorClient"/>: one sign-in (the sign-in form is rate limited per address).</summary>
    private async Task<CookieCollection> EditorSessionAsync()
    {
        var cookies = new CookieContainer();
        using var signIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(cluster.Nginx.BaseUrl) };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminTestSupport.PostSignInAsync(signIn, cluster.EditorEmail, AdminTestSupport.Password)).StatusCode);
        return cookies.GetCookies(new Uri(cluster.Nginx.BaseUrl));
    }

    /// <summary>An editor's browser without a circuit: the session cookie, its own antiforgery cookie, nginx in front.</summary>
    private HttpClient EditorClient(CookieCollection session)
    {
        var cookies = new CookieContainer();
        cookies.Add(session);
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = new Uri(cluster.Nginx.BaseUrl), Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>What a save's answer means to the editor who sent it.</summary>
    private enum Answer { Saved, Conflict, Failed }

    /// <summary>Opens the German editor page through nginx and posts its form at once, from the version it opened.</summary>
    private static async Task<Answer> OpenAndSaveAsync(HttpClient editor, string body)
    {
        var form = await EditorForm.OpenAsync(editor, AdminTestContent.Slug, "de");
        form[Portal.Components.Pages.Admin.EditorFormPost.Field.Body] = body;
        using var response = await EditorForm.PostAsync(editor, AdminTestContent.Slug, "de", form);
        return response.StatusCode switch
        {
            HttpStatusCode.Redirect when response.Headers.Location?.OriginalString == Portal.Components.Pages.Admin.EditorFormPost.EditorPathFor(AdminTestContent.Slug, "de") => Answer.Saved,
            HttpStatusCode.Conflict when (await response.Content.ReadAsStringAsync()).Contains("data-testid=\"conflict\"", StringComparison.Ordinal) => Answer.Conflict,
            _ => Answer.Failed,
        };
    }

    private async Task<(int Number, string Body)[]> GermanRevisionsAsync()
    {
        await using var database = PortalDatabase.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL }, cluster.ConnectionString,
            new PortalPaths(Path.GetTempPath(), cluster.Content.Directory));
        await using var db = database.CreateDbContext();
        var translation = db.Translations.Single(t => t.Article.Slug == AdminTestContent.Slug && t.Language == "de");
        return db.Revisions.Where(r => r.TranslationId == translation.Id).Select(r => new { r.Number, r.Body }).AsEnumerable()
            .Select(r => (r.Number, r.Body)).ToArray();
    }

    [Fact]
    public async Task Fifty_editors_saving_through_nginx_on_both_instances_lose_no_acknowledged_save()
    {
        var session = await EditorSessionAsync();
        var before = await GermanRevisionsAsync();

        // All start at once; each opens the page (its token and version) and saves from the version it opened.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var editor = EditorClient(session);
            var text = $"Fassung von Redakteur {i}.";
            return (Text: text, Answer: await OpenAndSaveAsync(editor, text));
        }));

        Assert.All(answers, a => Assert.NotEqual(Answer.Failed, a.Answer));
        var acknowledged = answers.Where(a => a.Answer == Answer.Saved).Select(a => a.Text).ToArray();
        Assert.NotEmpty(acknowledged);
        Assert.Contains(answers, a => a.Answer == Answer.Conflict);
        Assert.Equal(2, cluster.Nginx.InstancesThatAnswered(Portal.Components.Pages.Admin.EditorFormPost.PathFor(AdminTestContent.Slug, "de")).Count);

        // Every acknowledged save is one revision, nothing refused became one, and no revision number is taken twice.
        var after = await GermanRevisionsAsync();
        Assert.Equal(acknowledged.Order(), after.Select(r => r.Body).Where(b => b.StartsWith("Fassung von Redakteur", StringComparison.Ordinal)).Order());
        Assert.Equal(before.Length + acknowledged.Length, after.Length);
        Assert.Equal(after.Length, after.Select(r => r.Number).Distinct().Count());
    }

    [Fact]
    public async Task Killing_an_instance_during_a_burst_of_saves_loses_no_acknowledged_save_and_nginx_fails_over()
    {
        var session = await EditorSessionAsync();
        var mark = cluster.Nginx.LoggedRequests;
        using var reader = new HttpClient { BaseAddress = new Uri(cluster.Nginx.BaseUrl) };
        var articlePath = $"/de/articles/{AdminTestContent.Slug}";
        // Ticks of the watch when the kill was done; until then the burst runs on.
        var killedTicks = long.MaxValue;
        var watch = Stopwatch.StartNew();
        var sent = 0;
        var saves = new System.Collections.Concurrent.ConcurrentBag<(string Text, Answer Answer, TimeSpan Started)>();
        var reads = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        // Six editors save one after another while a reader reads, until two seconds after the kill: on a fast machine
        // a fixed number of saves could all be over before the kill has settled. Bounded by count and by time.
        bool GoOn() => watch.Elapsed < TimeSpan.FromSeconds(90)
                       && watch.Elapsed.Ticks - TimeSpan.FromSeconds(2).Ticks < Volatile.Read(ref killedTicks);
        var editors = Enumerable.Range(0, 6).Select(async e =>
        {
            using var editor = EditorClient(session);
            int n;
            while ((n = Interlocked.Increment(ref sent)) <= 2000 && GoOn())
            {
                var text = $"Fassung während des Ausfalls {n}.";
                var started = watch.Elapsed;
                Answer answer;
                try { answer = await OpenAndSaveAsync(editor, text); }
                catch (HttpRequestException) { answer = Answer.Failed; }
                saves.Add((text, answer, started));
                reads.Add((await reader.GetAsync(articlePath)).StatusCode);
            }
        }).ToArray();
        while (Volatile.Read(ref sent) < 25)
            await Task.Delay(10);
        // kill -9: no shutdown, requests in flight on it are cut off.
        cluster.Instances[1].Kill();
        try
        {
            await cluster.Instances[1].WaitForExitAsync();
            Volatile.Write(ref killedTicks, watch.Elapsed.Ticks);
            await Task.WhenAll(editors);
            await AssertNothingAcknowledgedWasLostAsync(mark, saves, reads, TimeSpan.FromTicks(killedTicks));
        }
        finally
        {
            // It rejoins (also when an assertion failed, so the other tests of the cluster keep two instances).
            await cluster.RestartAsync(1);
        }

        // Its start imports nothing again.
        await using var database = PortalDatabase.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL }, cluster.ConnectionString,
            new PortalPaths(Path.GetTempPath(), cluster.Content.Directory));
        await using var db = database.CreateDbContext();
        Assert.Equal(2, db.Revisions.Count(r => r.Author == Portal.Articles.ContentImporter.ImportAuthor));
    }

    private async Task AssertNothingAcknowledgedWasLostAsync(int mark, IReadOnlyCollection<(string Text, Answer Answer, TimeSpan Started)> saves,
        IReadOnlyCollection<HttpStatusCode> reads, TimeSpan killedAt)
    {
        // Both instances took saves of this burst before one was killed.
        Assert.Contains(cluster.Instances[1].BaseUrl.Replace("http://", "", StringComparison.Ordinal),
            cluster.Nginx.InstancesThatAnswered(Portal.Components.Pages.Admin.EditorFormPost.PathFor(AdminTestContent.Slug, "de"), mark));
        // Reads never fail (nginx retries them on the living instance); saves do only when cut off by the kill itself.
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
        var afterKill = saves.Where(s => s.Started > killedAt + TimeSpan.FromSeconds(1)).ToArray();
        Assert.NotEmpty(afterKill);
        Assert.All(afterKill, s => Assert.NotEqual(Answer.Failed, s.Answer));
        Assert.Contains(afterKill, s => s.Answer == Answer.Saved);

        // Every save that was answered "saved" is in the database, before and after the kill; none is there twice.
        var stored = await GermanRevisionsAsync();
        var bodies = stored.Select(r => r.Body).ToHashSet();
        Assert.All(saves.Where(s => s.Answer == Answer.Saved), s => Assert.Contains(s.Text, bodies));
        Assert.All(saves.Where(s => s.Answer == Answer.Conflict), s => Assert.DoesNotContain(s.Text, bodies));
        Assert.Equal(stored.Length, stored.Select(r => r.Number).Distinct().Count());
        var burst = stored.Select(r => r.Body).Where(b => b.StartsWith("Fassung während des Ausfalls", StringComparison.Ordinal)).ToArray();
        Assert.Equal(burst.Length, burst.Distinct().Count());
    }
}

/// <summary>The checked-in nginx configuration agrees with the app's settings.</summary>
public sealed partial class DeployConfigurationTests
{
    [Fact]
    public void Nginx_refuses_exactly_the_bodies_the_app_refuses()
    {
        var size = ClientMaxBodySize().Match(File.ReadAllText(NginxServer.CheckedInConfiguration));
        Assert.True(size.Success);
        var nginxBytes = long.Parse(size.Groups[1].Value) * 1024 * 1024;
        Assert.Equal(new UploadOptions().MaxBytes, nginxBytes);
        using var appsettings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Portal", "appsettings.json")));
        if (appsettings.RootElement.TryGetProperty("Portal", out var portal) && portal.TryGetProperty("Upload", out var upload)
            && upload.TryGetProperty("MaxBytes", out var configured))
            Assert.Equal(configured.GetInt64(), nginxBytes);
    }

    [GeneratedRegex(@"client_max_body_size\s+(\d+)m;")]
    private static partial Regex ClientMaxBodySize();
}
