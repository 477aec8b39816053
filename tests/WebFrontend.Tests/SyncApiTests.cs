using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Api.NetSuite;
using static EcomOps.WebFrontend.Tests.NetSuiteTestData;

namespace EcomOps.WebFrontend.Tests;

/// <summary>A saved search synced from the NetSuite sandbox through the API: configured, run, watched until it
/// succeeds, then browsed by keyset cursor with sort and filter, and downloaded as CSV.</summary>
[Collection(PortalCollection.Name)]
public sealed class SyncApiTests(PortalFixture fixture)
{
    private const long Rows = PortalFixture.SandboxRows;

    [Fact]
    public async Task ASearchIsConfiguredRunAndBrowsedByCursorSortAndFilter()
    {
        var (client, connection) = await ConnectedTenantAsync();
        var searchUrl = $"/api/v1/connections/{connection.ConnectionId}/searches/{Customers}";
        using (var configure = await client.PutAsJsonAsync(searchUrl, new SearchRequest("Customers", "Full", new ScheduleRequest("Daily", null, "02:30"))))
        {
            Assert.Equal(HttpStatusCode.OK, configure.StatusCode);
            var configured = (await configure.Content.ReadFromJsonAsync<SyncInfo>(Json.Options))!;
            Assert.Equal(DatasetId.Of(connection.ConnectionId, Customers), configured.DatasetId);
            Assert.Equal(SyncSchedule.Daily(new TimeOnly(2, 30)), configured.Schedule);
            Assert.NotNull(configured.NextRunAt);
            Assert.Null(configured.LastRun);
        }

        var datasetId = DatasetId.Of(connection.ConnectionId, Customers);
        var listed = await client.GetFromJsonAsync<SyncInfo[]>($"/api/v1/connections/{connection.ConnectionId}/searches", Json.Options);
        Assert.Equal(datasetId, Assert.Single(listed!).DatasetId);

        var run = await RunAsync(client, connection.ConnectionId, Customers);
        Assert.Equal((SyncRunStatus.Succeeded, SyncMode.Full, SyncTrigger.Manual), (run.Status, run.Mode, run.Trigger));
        Assert.Equal((Rows, Rows), (run.RowsRead, run.RowsInserted));
        Assert.Equal((int)Math.Ceiling(Rows / (double)PortalFixture.SyncPageSize), run.PageCount);

        var sync = await client.GetFromJsonAsync<SyncInfo>($"/api/v1/syncs/{datasetId}", Json.Options);
        Assert.Equal(Rows, sync!.Rows);
        Assert.Null(sync.CurrentRun);
        Assert.Equal(run.RunId, sync.LastRun!.RunId);
        var all = await client.GetFromJsonAsync<SyncInfo[]>("/api/v1/syncs", Json.Options);
        Assert.Equal(SyncRunStatus.Succeeded, Assert.Single(all!).LastRun!.Status);
        var runs = await client.GetFromJsonAsync<SyncRunInfo[]>($"/api/v1/syncs/{datasetId}/runs?limit=5", Json.Options);
        Assert.Equal(run.RunId, Assert.Single(runs!).RunId);

        // Keyset paging in internal-id order: every row once, the last page without a cursor.
        var rows = await PageAllAsync(client, datasetId, "limit=40");
        Assert.Equal(Enumerable.Range(1, (int)Rows).Select(i => (long)i), rows.Select(r => r.Id));
        var first = await client.GetFromJsonAsync<DatasetPage>($"/api/v1/datasets/{datasetId}/rows?limit=3", Json.Options);
        Assert.Equal(["ID", "Company Name", "Email", "Balance", "Last Modified"], first!.Columns.Select(c => c.Title));
        Assert.Equal(Rows, first.Matching);
        Assert.Equal(("CUSTOMER-1", "contact1@example.com"), (first.Rows[0].Cells[0].Value, first.Rows[0].Cells[2].Value));

        // Sorted by balance (a currency, so numerically), largest first, across pages.
        var byBalance = await PageAllAsync(client, datasetId, "limit=35&sort=3&desc=true");
        Assert.Equal(Rows, byBalance.Select(r => r.Id).Distinct().Count());
        var balances = byBalance.Select(r => decimal.Parse(r.Cells[3].Value!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(balances.OrderDescending(), balances);

        // Filtered in one column, and in any column.
        var inId = await PageAllAsync(client, datasetId, "limit=25&filter=CUSTOMER-1&filterColumn=0", expectedMatching: 111);
        Assert.Equal(111, inId.Count);
        Assert.All(inId, r => Assert.Contains("CUSTOMER-1", r.Cells[0].Value, StringComparison.Ordinal));
        var anywhere = await PageAllAsync(client, datasetId, "limit=25&filter=contact2", expectedMatching: 42);
        Assert.Equal([2L, .. Enumerable.Range(20, 10).Select(i => (long)i), .. Enumerable.Range(200, 31).Select(i => (long)i)], anywhere.Select(r => r.Id));
        Assert.All(anywhere, r => Assert.Contains("contact2", r.Cells[2].Value, StringComparison.Ordinal));

        using (var badCursor = await client.GetAsync($"/api/v1/datasets/{datasetId}/rows?cursor=not-a-cursor"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
            Assert.True((await badCursor.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors").TryGetProperty("cursor", out _));
        }

        using (var badSort = await client.GetAsync($"/api/v1/datasets/{datasetId}/rows?sort=5"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
            Assert.True((await badSort.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors").TryGetProperty("sort", out _));
        }

        using (var unknown = await client.GetAsync($"/api/v1/datasets/{DatasetId.Of(connection.ConnectionId, Items)}/rows"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public async Task TheCsvDownloadIsEveryRowInOrderWithTheChosenColumns()
    {
        var (client, connection) = await ConnectedTenantAsync();
        (await client.PutAsJsonAsync($"/api/v1/connections/{connection.ConnectionId}/searches/{Customers}", new SearchRequest(null, null, null))).EnsureSuccessStatusCode();
        await RunAsync(client, connection.ConnectionId, Customers);
        var datasetId = DatasetId.Of(connection.ConnectionId, Customers);
        var rows = await PageAllAsync(client, datasetId, "limit=100");

        using var csv = await client.GetAsync($"/api/v1/datasets/{datasetId}/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"{Customers}-", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = await LinesAsync(csv);
        Assert.Equal("Internal ID,ID,Company Name,Email,Balance,Last Modified", lines[0]);
        Assert.Equal(Rows + 1, lines.Count);
        var all = Enumerable.Range(0, 5).ToList();
        Assert.Equal(rows.Select(r => DatasetCsv.Line(r, all)), lines.Skip(1));
        var seventeen = rows.Single(r => r.Id == 17);
        Assert.StartsWith($"17,CUSTOMER-17,CUSTOMER-17,contact17@example.com,{seventeen.Cells[3].Value},", lines[17]);

        // The browser's view: filtered, sorted, some columns.
        var view = await PageAllAsync(client, datasetId, "limit=30&sort=0&desc=true&filter=CUSTOMER-1&filterColumn=0", expectedMatching: 111);
        using var chosen = await client.GetAsync($"/api/v1/datasets/{datasetId}/csv?sort=0&desc=true&filter=CUSTOMER-1&filterColumn=0&columns=2,0");
        var chosenLines = await LinesAsync(chosen);
        Assert.Equal("Internal ID,Email,ID", chosenLines[0]);
        Assert.Equal(view.Select(r => $"{r.Id},{r.Cells[2].Value},{r.Cells[0].Value}"), chosenLines.Skip(1));

        using var badColumn = await client.GetAsync($"/api/v1/datasets/{datasetId}/csv?columns=0,9");
        Assert.Equal(HttpStatusCode.BadRequest, badColumn.StatusCode);
        Assert.True((await badColumn.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("errors").TryGetProperty("columns", out _));
    }

    [Fact]
    public async Task ARunningSyncRefusesASecondRunAndCanBeCancelled()
    {
        var (client, connection) = await ConnectedTenantAsync();
        var searchUrl = $"/api/v1/connections/{connection.ConnectionId}/searches/{Items}";
        (await client.PutAsJsonAsync(searchUrl, new SearchRequest("Items", "Incremental", new ScheduleRequest("Interval", 60, null)))).EnsureSuccessStatusCode();
        var faults = fixture.Sandbox.Account(Credentials.AccountId).Faults;
        faults.Latency = TimeSpan.FromMilliseconds(700);
        try
        {
            using var started = await client.PostAsJsonAsync(searchUrl + "/run", new RunRequest("Full"));
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            Assert.Equal($"/api/v1/syncs/{DatasetId.Of(connection.ConnectionId, Items)}", started.Headers.Location!.OriginalString);
            var run = (await started.Content.ReadFromJsonAsync<SyncRunInfo>(Json.Options))!;
            Assert.Equal((SyncRunStatus.Running, SyncMode.Full), (run.Status, run.Mode));

            using (var again = await client.PostAsync(searchUrl + "/run", null))
            {
                Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
                Assert.Contains("in progress", (await again.Content.ReadFromJsonAsync<JsonElement>(Json.Options)).GetProperty("detail").GetString());
            }

            using (var cancel = await client.PostAsync(searchUrl + "/cancel", null))
            {
                Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            }

            var sync = await WaitAsync(client, DatasetId.Of(connection.ConnectionId, Items), s => s.CurrentRun is null);
            Assert.Equal(SyncRunStatus.Cancelled, sync.LastRun!.Status);
            Assert.True(sync.LastRun.Pages < sync.LastRun.PageCount.GetValueOrDefault(int.MaxValue));
        }
        finally
        {
            faults.Latency = TimeSpan.Zero;
        }

        using (var nothingRunning = await client.PostAsync(searchUrl + "/cancel", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, nothingRunning.StatusCode);
        }

        using (var remove = await client.DeleteAsync(searchUrl))
        {
            Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        }

        using (var gone = await client.GetAsync($"/api/v1/syncs/{DatasetId.Of(connection.ConnectionId, Items)}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var removeAgain = await client.DeleteAsync(searchUrl);
        Assert.Equal(HttpStatusCode.NotFound, removeAgain.StatusCode);
    }

    [Fact]
    public async Task DeletingAConnectionRemovesItsSyncsAndTheirData()
    {
        var (client, connection) = await ConnectedTenantAsync();
        (await client.PutAsJsonAsync($"/api/v1/connections/{connection.ConnectionId}/searches/{Customers}", new SearchRequest("Customers", null, null))).EnsureSuccessStatusCode();
        await RunAsync(client, connection.ConnectionId, Customers);
        using (var delete = await client.DeleteAsync($"/api/v1/connections/{connection.ConnectionId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty((await client.GetFromJsonAsync<SyncInfo[]>("/api/v1/syncs", Json.Options))!);
        using var rows = await client.GetAsync($"/api/v1/datasets/{DatasetId.Of(connection.ConnectionId, Customers)}/rows");
        Assert.Equal(HttpStatusCode.NotFound, rows.StatusCode);
    }

    /// <summary>A new tenant on the Enterprise plan (so polling stays far inside the API's rate limit) with a connection to the sandbox.</summary>
    private async Task<(HttpClient Client, ConnectionInfo Connection)> ConnectedTenantAsync()
    {
        var owner = await fixture.RegisterAsync();
        (await owner.Client.PutAsJsonAsync("/api/v1/tenant/plan", new ChangePlanRequest("Enterprise"))).EnsureSuccessStatusCode();
        return (owner.Client, await CreateConnectionAsync(owner.Client, fixture));
    }

    internal static async Task<SyncRunInfo> RunAsync(HttpClient client, Guid connectionId, string searchId)
    {
        using var started = await client.PostAsync($"/api/v1/connections/{connectionId}/searches/{searchId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<SyncRunInfo>(Json.Options))!;
        var sync = await WaitAsync(client, DatasetId.Of(connectionId, searchId), s => s.CurrentRun is null && s.LastRun?.RunId == run.RunId);
        return sync.LastRun!;
    }

    internal static async Task<SyncInfo> WaitAsync(HttpClient client, string datasetId, Func<SyncInfo, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var sync = (await client.GetFromJsonAsync<SyncInfo>($"/api/v1/syncs/{datasetId}", Json.Options))!;
            if (condition(sync))
            {
                return sync;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The sync did not get there in time; last seen: {sync}");
            await Task.Delay(200);
        }
    }

    private static async Task<List<DatasetRow>> PageAllAsync(HttpClient client, string datasetId, string query, long expectedMatching = Rows)
    {
        var rows = new List<DatasetRow>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<DatasetPage>($"/api/v1/datasets/{datasetId}/rows?{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), Json.Options))!;
            Assert.Equal(expectedMatching, page.Matching);
            rows.AddRange(page.Rows);
            cursor = page.NextCursor;
            Assert.True(rows.Count <= expectedMatching, "paging went past the matching rows");
        }
        while (cursor is not null);

        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        return rows;
    }

    private static async Task<List<string>> LinesAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r'))];
    }
}
