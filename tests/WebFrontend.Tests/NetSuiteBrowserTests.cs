using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Api.NetSuite;
using Microsoft.Playwright;
using static EcomOps.WebFrontend.Tests.NetSuiteTestData;

namespace EcomOps.WebFrontend.Tests;

/// <summary>The NetSuite pages driven as a person would, in headless Chromium, against the sandbox.</summary>
[Collection(PortalCollection.Name)]
public sealed class NetSuiteBrowserTests(PortalFixture fixture)
{
    [Fact]
    public async Task ConnectTestAddASearchRunItWatchItThenBrowseFilterAndDownloadTheDataset()
    {
        var owner = await fixture.RegisterAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = (await fixture.PortalAddressAsync()).ToString(), AcceptDownloads = true });
        page.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);

        await page.GotoAsync("/signin");
        await page.FillAsync("[name='Form.Email']", owner.Email);
        await page.FillAsync("[name='Form.Password']", owner.Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.GetByTestId("nav").GetByText("Connections").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connections-table-empty")).ToBeVisibleAsync();

        // A connection to the sandbox: created, then tested in place.
        await page.ClickAsync("summary:has-text('New connection')");
        await page.FillAsync("[name='Create.Name']", "Sandbox account");
        await page.FillAsync("[name='Create.AccountId']", Credentials.AccountId);
        await page.FillAsync("[name='Create.RestletUrl']", fixture.Sandbox.RestletUrl.ToString());
        await page.FillAsync("[name='Create.ConsumerKey']", Credentials.ConsumerKey);
        await page.FillAsync("[name='Create.ConsumerSecret']", Credentials.ConsumerSecret);
        await page.FillAsync("[name='Create.TokenId']", Credentials.TokenId);
        await page.FillAsync("[name='Create.TokenSecret']", "   ");
        await page.ClickAsync("button:has-text('Create connection')");

        // Refused by field, and what was typed into the secret fields is not sent back.
        await Assertions.Expect(page.Locator("#field-Create-TokenSecret-feedback")).ToContainTextAsync("Is required");
        await Assertions.Expect(page.Locator("[name='Create.Name']")).ToHaveValueAsync("Sandbox account");
        await Assertions.Expect(page.Locator("[name='Create.ConsumerSecret']")).ToHaveValueAsync("");
        HasNoSecrets(await page.ContentAsync());
        await page.FillAsync("[name='Create.ConsumerKey']", Credentials.ConsumerKey);
        await page.FillAsync("[name='Create.ConsumerSecret']", Credentials.ConsumerSecret);
        await page.FillAsync("[name='Create.TokenId']", Credentials.TokenId);
        await page.FillAsync("[name='Create.TokenSecret']", Credentials.TokenSecret);
        await page.ClickAsync("button:has-text('Create connection')");
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Created the connection 'Sandbox account'");
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync("Sandbox account");
        var connectionId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        await page.GetByTestId($"test-{connectionId:N}").ClickAsync();
        var outcome = page.GetByTestId("connection-test-result");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-outcome", nameof(ConnectionTestOutcome.Succeeded));
        await Assertions.Expect(outcome).ToContainTextAsync("Test passed. Connected: the RESTlet answered a test search.");
        HasNoSecrets(await page.ContentAsync());

        // The edit form never shows the stored credentials, and leaving them empty keeps them.
        await page.ClickAsync("summary:has-text('Edit connection')");
        foreach (var secret in new[] { "ConsumerKey", "ConsumerSecret", "TokenId", "TokenSecret" })
        {
            await Assertions.Expect(page.Locator($"[name='Edit.{secret}']")).ToHaveValueAsync("");
        }

        await page.FillAsync("[name='Edit.Name']", "Sandbox (EU)");
        await page.ClickAsync("[data-testid='edit-connection-form'] button:has-text('Save')");
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Saved 'Sandbox (EU)'; the stored credentials stay.");
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync("Sandbox (EU)");

        // Switching to OAuth 2.0 needs its credentials; the form says so where they go.
        await page.ClickAsync("summary:has-text('Edit connection')");
        await page.SelectOptionAsync("[name='Edit.AuthMethod']", "OAuth2ClientCredentials");
        await page.ClickAsync("[data-testid='edit-connection-form'] button:has-text('Save')");
        await Assertions.Expect(page.GetByTestId("edit-connection-form").GetByRole(AriaRole.Alert)).ToContainTextAsync("certificate's private key (PEM) are required");
        await Assertions.Expect(page.Locator("[name='Edit.PrivateKeyPem']")).ToBeVisibleAsync();
        await page.GotoAsync($"/connections/{connectionId}");

        // A saved search on a schedule of its own.
        await page.ClickAsync("summary:has-text('Add a saved search')");
        await page.FillAsync("[name='Search.SearchId']", "customsearch bad");
        await page.ClickAsync("button:has-text('Add search')");
        await Assertions.Expect(page.Locator("#field-Search-SearchId-feedback")).ToContainTextAsync("script id");
        await page.FillAsync("[name='Search.SearchId']", Customers);
        await page.FillAsync("[name='Search.Name']", "Customers");
        await page.ClickAsync("button:has-text('Add search')");
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Saved 'Customers' (Full, Manual)");
        await Assertions.Expect(page.GetByTestId("searches-table")).ToContainTextAsync(Customers);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ecomops-connection.png"), FullPage = true });

        // Run it now and watch the overview refresh itself until it succeeds; slow pages make the progress visible.
        var datasetId = DatasetId.Of(connectionId, Customers);
        await page.GetByTestId("nav").GetByText("Syncs").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"status-{datasetId}")).ToContainTextAsync(SyncTextNeverRun);
        var faults = fixture.Sandbox.Account(Credentials.AccountId).Faults;
        faults.Latency = TimeSpan.FromMilliseconds(600);
        try
        {
            await page.GetByTestId($"run-{datasetId}").ClickAsync();
            await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Started a full run of 'Customers'");
            await Assertions.Expect(page.GetByTestId($"progress-{datasetId}")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("syncs-live")).ToHaveAttributeAsync("data-polling", "on");
            await Assertions.Expect(page.GetByTestId($"status-{datasetId}")).ToContainTextAsync("Running");
            await Assertions.Expect(page.GetByTestId($"status-{datasetId}").Locator("[data-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        }
        finally
        {
            faults.Latency = TimeSpan.Zero;
        }

        await Assertions.Expect(page.GetByTestId("syncs-live")).ToHaveAttributeAsync("data-polling", "off");
        await Assertions.Expect(page.GetByTestId($"rows-{datasetId}")).ToHaveTextAsync(PortalFixture.SandboxRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ecomops-syncs.png"), FullPage = true });

        // The dataset browser: keyset pages forward and back.
        await page.GetByTestId($"sync-{datasetId}").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-name")).ToHaveTextAsync("Customers");
        var table = page.GetByTestId("dataset-table");
        var ids = page.GetByTestId("row-id");
        await Assertions.Expect(ids).ToHaveCountAsync(25);
        await Assertions.Expect(ids.First).ToHaveTextAsync("1");
        await Assertions.Expect(table).ToContainTextAsync("230 rows · page 1 of 10");
        await table.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(ids.First).ToHaveTextAsync("26");
        await table.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(ids.First).ToHaveTextAsync("51");
        await Assertions.Expect(table).ToContainTextAsync("page 3 of 10");
        await table.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(ids.First).ToHaveTextAsync("26");
        await table.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Assertions.Expect(ids.First).ToHaveTextAsync("1");
        await Assertions.Expect(table.GetByText("Previous")).ToHaveClassAsync(new Regex("disabled"));

        // Sorted by clicking a header: the largest balance first on the second click.
        await table.GetByRole(AriaRole.Link, new() { Name = "Balance" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=3"));
        await table.GetByRole(AriaRole.Link, new() { Name = "Balance" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=3&desc=true"));
        var balances = (await table.Locator("tbody tr td:nth-child(5)").AllTextContentsAsync()).Select(b => decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(25, balances.Count);
        Assert.Equal(balances.OrderDescending(), balances);

        // Fewer columns, remembered in the address, then a filter that keeps them.
        await page.ClickAsync("[data-testid='column-chooser'] summary");
        await page.UncheckAsync("#col-3");
        await page.UncheckAsync("#col-4");
        await page.ClickAsync("[data-testid='column-chooser'] button:has-text('Show')");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("col=0&col=1&col=2"));
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(4);
        await table.Locator("input[name='filter']").FillAsync("contact2");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table).ToContainTextAsync("42 matching rows · page 1 of 2 · sorted by Balance, largest first");
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(4);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("filter=contact2"));

        // The download is what the browser shows: the filter, the order and the columns, every matching row.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("dataset-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"ecomops-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        File.Delete(path);
        Assert.Equal("Internal ID,ID,Company Name,Email", lines[0]);
        Assert.Equal(43, lines.Count);
        Assert.All(lines.Skip(1), l => Assert.Contains("contact2", l, StringComparison.Ordinal));
        var downloadedBalances = lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(42, downloadedBalances.Distinct().Count());

        // The run history and its chart.
        await Assertions.Expect(page.GetByTestId("runs-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("runs-table")).ToContainTextAsync("Succeeded");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ecomops-dataset.png"), FullPage = true });

        // Deleting the connection, once confirmed, takes its sync and data with it.
        await page.GotoAsync($"/connections/{connectionId}");
        await page.GetByTestId("delete-connection-open").ClickAsync();
        await page.GetByTestId("delete-connection-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Deleted the connection 'Sandbox (EU)'");
        await Assertions.Expect(page.GetByTestId("connections-table-empty")).ToBeVisibleAsync();
        await page.GotoAsync("/syncs");
        await Assertions.Expect(page.GetByTestId("syncs-table-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AViewerBrowsesConnectionsSyncsAndDatasetsButChangesAndRunsNothing()
    {
        var owner = await fixture.RegisterAsync();
        var connection = await CreateConnectionAsync(owner.Client, fixture, "Read-only view");
        (await owner.Client.PutAsJsonAsync($"/api/v1/connections/{connection.ConnectionId}/searches/{Customers}", new SearchRequest("Customers", null, null))).EnsureSuccessStatusCode();
        await SyncApiTests.RunAsync(owner.Client, connection.ConnectionId, Customers);
        var datasetId = DatasetId.Of(connection.ConnectionId, Customers);
        var viewerEmail = $"vic-{Guid.NewGuid():N}@example.com";
        (await owner.Client.PostAsJsonAsync("/api/v1/users", new AddUserRequest(viewerEmail, "Vic Viewer", "Viewer", "viewer password 1"))).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = (await fixture.PortalAddressAsync()).ToString(), AcceptDownloads = true });
        await page.GotoAsync("/signin");
        await page.FillAsync("[name='Form.Email']", viewerEmail);
        await page.FillAsync("[name='Form.Password']", "viewer password 1");
        await page.ClickAsync("button:has-text('Sign in')");
        await Assertions.Expect(page.GetByTestId("nav")).ToContainTextAsync("Syncs");
        await Assertions.Expect(page.GetByTestId("syncs-card")).ToHaveTextAsync("1 saved search");

        await page.GetByTestId("nav").GetByText("Connections").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connections-table")).ToContainTextAsync("Read-only view");
        Assert.Equal(0, await page.GetByTestId("new-connection").CountAsync());
        Assert.Equal(0, await page.GetByTestId($"test-{connection.ConnectionId:N}").CountAsync());
        await page.GetByTestId("connection-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("searches-table")).ToContainTextAsync(Customers);
        foreach (var hidden in new[] { "edit-connection", "add-search", "delete-connection-open", $"test-{connection.ConnectionId:N}" })
        {
            Assert.Equal(0, await page.GetByTestId(hidden).CountAsync());
        }

        await page.GotoAsync("/syncs");
        await Assertions.Expect(page.GetByTestId($"status-{datasetId}")).ToContainTextAsync("Succeeded");
        Assert.Equal(0, await page.GetByTestId($"run-{datasetId}").CountAsync());

        await page.GetByTestId($"sync-{datasetId}").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("row-id")).ToHaveCountAsync(25);

        // A hand-edited address gets a readable answer, not an error page.
        await page.GotoAsync($"/datasets/{datasetId}?sort=abc&col=x&cursor=forged");
        await Assertions.Expect(page.GetByTestId("dataset-table").GetByRole(AriaRole.Alert)).ToContainTextAsync("The page's cursor is not a cursor this dataset gave out");
        await page.GotoAsync($"/datasets/{datasetId}?sort=99");
        await Assertions.Expect(page.GetByTestId("dataset-table").GetByRole(AriaRole.Alert)).ToContainTextAsync("The sort column must be a column index from 0 to 4.");
        await page.GotoAsync($"/datasets/{datasetId}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("dataset-csv").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"ecomops-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        Assert.Equal(PortalFixture.SandboxRows + 1, (await File.ReadAllLinesAsync(path)).Count(l => l.Length > 0));
        File.Delete(path);

        // The buttons it does not see do nothing for it either.
        var token = await page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        var run = await page.APIRequest.PostAsync($"/syncs/{datasetId}/run", new() { Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token ?? "").Set("returnTo", "/syncs"), MaxRedirects = 0 });
        Assert.True(run.Status is 302 or 403, $"a Viewer's run answered {run.Status}");
        Assert.Contains("/denied", run.Headers.GetValueOrDefault("location") ?? "/denied", StringComparison.Ordinal);
        var sync = await owner.Client.GetFromJsonAsync<SyncInfo>($"/api/v1/syncs/{datasetId}", Json.Options);
        Assert.Single((await owner.Client.GetFromJsonAsync<SyncRunInfo[]>($"/api/v1/syncs/{datasetId}/runs", Json.Options))!);
        Assert.Null(sync!.CurrentRun);

        // Signing out needs the form's token too: a forged post does not end the session.
        var forged = await page.APIRequest.PostAsync("/signout", new() { MaxRedirects = 0 });
        Assert.True(forged.Status == 400, $"a forged sign-out answered {forged.Status} {forged.Headers.GetValueOrDefault("location")}");
        await page.GotoAsync("/syncs");
        Assert.DoesNotContain("/signin", page.Url, StringComparison.Ordinal);
    }

    private const string SyncTextNeverRun = EcomOps.WebFrontend.Components.NetSuite.SyncText.NeverRun;
}
