using EcomOps.Grains.Common;
using EcomOps.Grains.Security;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.Grains.NetSuite;

/// <summary>Keeps one saved search of one connection in PostgreSQL. A run walks the search in internal-id order
/// (keyset windows through the RESTlet's id range, so the 1,000-page limit of a paged search never bites), and
/// each page commits together with the run's checkpoint. The run loop belongs to the activation: when the activation
/// goes (a crash, a deactivation) the reminder brings the grain back on another silo, which takes the run over from
/// its checkpoint. The next page is fetched off the activation's thread while the current one is written.</summary>
public sealed class SavedSearchSyncGrain(
    [PersistentState("sync")] IPersistentState<SyncState> state,
    TenancyDatabase database,
    SyncRunStore runs,
    DatasetStore datasets,
    NetSuiteClients clients,
    SecretProtector secrets,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SavedSearchSyncGrain> logger) : Grain, ISavedSearchSyncGrain, IRemindable
{
    private const string TickReminder = "sync-tick";
    private const int MaxIntervalMinutes = 7 * 24 * 60;
    private readonly SerialStateWriter<SyncState> writer = new(state);
    private SyncRunLoop? active;

    // Whether the tick reminder is registered, once this activation knows: a scheduled sync then ticks without
    // reading its reminder back from the database every time.
    private bool? tickRegistered;

    private (Guid TenantId, Guid ConnectionId, string SearchId) Key => SyncKey.Parse(GetPrimaryKeyString());

    private DatasetKey Dataset => new(Key.TenantId, Key.ConnectionId, Key.SearchId);

    private ITenantGrain Tenant => GrainFactory.GetGrain<ITenantGrain>(Key.TenantId.ToString("N"));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Exists: true, ActiveRunId: { } runId })
        {
            Start(runId, null, Guid.NewGuid());
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The run stays recorded as running; whichever silo activates the grain next takes it over.
        if (active is { } loop)
        {
            loop.Stop(SyncStopReason.Deactivating, null);
            await loop.Completion.WaitAsync(cancellationToken);
        }
    }

    public async Task<SyncInfo> ConfigureAsync(Actor actor, SyncSettings settings)
    {
        var searchId = SearchIds.Validate("searchId", Key.SearchId);
        var name = InputRules.Name("name", settings.Name, 100);
        if (!Enum.IsDefined(settings.Mode))
        {
            throw InvalidInputException.For("mode", "must be Full or Incremental.");
        }

        var profile = await Tenant.GetProfileAsync();
        Validate(settings.Schedule, profile.Entitlements.MinSyncIntervalMinutes);
        await Connection().GetTargetAsync();
        var created = !state.State.Exists;
        await database.InTenantAsync(Key.TenantId, async (connection, transaction) =>
        {
            if (created)
            {
                await using var count = new NpgsqlCommand("select count(*) from ns_syncs", connection, transaction);
                if ((long)(await count.ExecuteScalarAsync())! >= profile.Entitlements.MaxSavedSearches)
                {
                    throw new ConflictException($"The plan allows {profile.Entitlements.MaxSavedSearches} synced saved search(es); remove one or change the plan.");
                }
            }

            await using (var upsert = new NpgsqlCommand(
                """
                insert into ns_syncs (tenant_id, connection_id, search_id, name) values ($1, $2, $3, $4)
                on conflict (tenant_id, connection_id, search_id) do update set name = excluded.name
                """, connection, transaction))
            {
                upsert.Parameters.AddWithValue(Key.TenantId);
                upsert.Parameters.AddWithValue(Key.ConnectionId);
                upsert.Parameters.AddWithValue(searchId);
                upsert.Parameters.AddWithValue(name);
                await upsert.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, created ? "sync.created" : "sync.updated", name, "succeeded",
                new { connectionId = Key.ConnectionId, searchId, mode = settings.Mode.ToString(), schedule = settings.Schedule });
        });

        var now = time.GetUtcNow();
        state.State.Exists = true;
        state.State.Name = name;
        state.State.Mode = settings.Mode;
        state.State.Schedule = settings.Schedule;
        if (created)
        {
            state.State.CreatedAt = now;
        }

        if (state.State.ActiveRunId is null)
        {
            state.State.NextRunAt = SyncScheduler.Next(settings.Schedule, SyncScheduler.Zone(profile.TimeZone), state.State.LastRun?.StartedAt, now);
        }

        await SaveAsync();
        await KeepReminderAsync();
        return Info();
    }

    public async Task RemoveAsync(Actor actor)
    {
        EnsureExists();
        if (active is { } loop)
        {
            loop.Stop(SyncStopReason.Removed, actor);
            await loop.Completion;
        }

        await database.InTenantAsync(Key.TenantId, async (connection, transaction) =>
        {
            await DatasetStore.DeleteAllAsync(connection, transaction, Dataset, CancellationToken.None);
            foreach (var table in new[] { "ns_sync_runs", "ns_syncs" })
            {
                await using var delete = new NpgsqlCommand($"delete from {table} where tenant_id = $1 and connection_id = $2 and search_id = $3", connection, transaction);
                DatasetStore.AddKey(delete, Dataset);
                await delete.ExecuteNonQueryAsync();
            }

            await AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "sync.removed", state.State.Name, "succeeded",
                new { connectionId = Key.ConnectionId, searchId = Key.SearchId });
        });

        if (await GetReminder(TickReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }

        tickRegistered = false;
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<SyncInfo> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Info());
    }

    public async Task<SyncRunInfo> RunNowAsync(Actor actor, SyncMode? mode)
    {
        EnsureExists();
        if (mode is { } requested && !Enum.IsDefined(requested))
        {
            throw InvalidInputException.For("mode", "must be Full or Incremental.");
        }

        if (state.State.ActiveRunId is { } running)
        {
            throw new ConflictException($"Run {running} of this search is in progress; cancel it or wait for it to finish.");
        }

        var run = await StartRunAsync(SyncTrigger.Manual, mode ?? state.State.Mode);
        await database.InTenantAsync(Key.TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "sync.run_requested", state.State.Name, "succeeded",
                new { runId = run.RunId, mode = run.Mode.ToString() }));
        return run;
    }

    public async Task<SyncInfo> CancelAsync(Actor actor)
    {
        EnsureExists();
        if (state.State.ActiveRunId is not { } runId)
        {
            throw new ConflictException("No run of this search is in progress.");
        }

        if (active is { } loop)
        {
            loop.Stop(SyncStopReason.Cancelled, actor);
            await loop.Completion;
        }
        else
        {
            // Recorded as running, but no loop here yet (its silo went away and the take-over has not started).
            var owner = Guid.NewGuid();
            if (await runs.TakeOverAsync(Dataset, runId, owner, CancellationToken.None) is { } checkpoint)
            {
                var final = checkpoint.Info.Status == SyncRunStatus.Running
                    ? (await runs.FinishAsync(Dataset, runId, owner, SyncRunStatus.Cancelled, $"Cancelled by {actor.Name}.", false, time.GetUtcNow(), options.Value.RunsKept, null, CancellationToken.None)).Info
                    : checkpoint.Info;
                await CompleteAsync(final);
            }
        }

        await database.InTenantAsync(Key.TenantId, (connection, transaction) =>
            AuditWriter.AppendAsync(connection, transaction, Key.TenantId, actor, "sync.cancelled", state.State.Name, "succeeded", new { runId }));
        return Info();
    }

    public Task<IReadOnlyList<SyncRunInfo>> ListRunsAsync(int limit)
    {
        EnsureExists();
        return runs.ListAsync(Dataset, limit, CancellationToken.None);
    }

    public Task<DatasetPage> ReadRowsAsync(DatasetQuery query)
    {
        EnsureExists();
        return datasets.QueryAsync(Dataset, query, state.State.ActiveRunId is null ? state.State.Rows : null, CancellationToken.None);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        tickRegistered = true;
        if (!state.State.Exists)
        {
            if (await GetReminder(reminderName) is { } stale)
            {
                await UnregisterReminder(stale);
            }

            tickRegistered = false;
            return;
        }

        if (state.State.ActiveRunId is { } runId)
        {
            if (active is null)
            {
                Start(runId, null, Guid.NewGuid());
            }

            return;
        }

        if (state.State.NextRunAt is { } due && due <= time.GetUtcNow())
        {
            await StartRunAsync(SyncTrigger.Schedule, state.State.Mode);
            return;
        }

        await KeepReminderAsync();
    }

    private async Task<SyncRunInfo> StartRunAsync(SyncTrigger trigger, SyncMode requested)
    {
        var mode = SyncWatermark.EffectiveMode(requested, state.State.Watermark);
        var owner = Guid.NewGuid();
        var checkpoint = await runs.StartAsync(Dataset, owner, trigger, mode,
            SyncWatermark.ModifiedAfter(mode, state.State.Watermark, options.Value.IncrementalOverlap), time.GetUtcNow(), CancellationToken.None);
        state.State.ActiveRunId = checkpoint.Info.RunId;
        state.State.NextRunAt = null;
        await SaveAsync();
        await KeepReminderAsync();
        Start(checkpoint.Info.RunId, checkpoint, owner);
        return checkpoint.Info;
    }

    private void Start(long runId, SyncCheckpoint? checkpoint, Guid owner)
    {
        var loop = new SyncRunLoop(runId, checkpoint?.Info);
        active = loop;
        loop.Completion = RunAsync(loop, checkpoint, owner);
    }

    private async Task RunAsync(SyncRunLoop loop, SyncCheckpoint? checkpoint, Guid owner)
    {
        // Returns to the caller (an activation, a request, a reminder) before any work.
        await Task.Yield();
        var settings = options.Value;
        Task<FetchedPage>? pending = null;
        Task<SyncCheckpoint>? committing = null;
        try
        {
            checkpoint ??= await runs.TakeOverAsync(Dataset, loop.RunId, owner, loop.Token);
            if (checkpoint is null || checkpoint.Info.Status != SyncRunStatus.Running)
            {
                // Finished (or removed) by a previous owner after its silo was declared dead.
                await CompleteAsync(checkpoint?.Info);
                return;
            }

            var progress = checkpoint.Info;
            loop.Progress = progress;
            if (progress.Resumes > 0)
            {
                logger.LogInformation("Sync {Sync} resumes run {Run} after internal id {AfterId}, page {Pages}", GetPrimaryKeyString(), loop.RunId, checkpoint.AfterId, checkpoint.Info.Pages);
            }

            var target = await Connection().GetTargetAsync().WaitAsync(loop.Token);
            var account = GrainFactory.GetGrain<INetSuiteAccountGrain>(NetSuiteAccount.Realm(target.AccountId));
            var client = clients.Restlet(target.Authorization(clients, secrets), target.RestletUrl,
                new RetryPolicy(settings.MaxAttempts, settings.RetryBaseDelay, settings.RetryMaxDelay), new AccountSlots(account, GetPrimaryKeyString()));
            var request = new RestletRequest
            {
                SearchId = Key.SearchId,
                PageSize = Math.Clamp(settings.PageSize, 5, 1000),
                Pages = Math.Clamp(settings.PagesPerRequest, 1, 10),
                ModifiedAfter = checkpoint.ModifiedAfter,
            };
            var next = pending = Fetch(client, request, checkpoint.AfterId, loop.Token);
            var columnsSaved = false;
            var pagesRead = progress.Pages;
            while (true)
            {
                var (response, staged, attempts) = await next;
                pending = null;
                var more = response.NextPageIndex is not null || response.Continuation is not null;
                if (more && response.Rows.Count == 0)
                {
                    throw new NetSuiteException("NO_PROGRESS", "The RESTlet said more rows follow but returned none; it may be running out of governance on every call.");
                }

                if (more)
                {
                    next = pending = Fetch(client, request, staged.Ids[^1], loop.Token);
                }

                if (!columnsSaved)
                {
                    await datasets.SaveColumnsAsync(Dataset, response.Columns, loop.Token);
                    columnsSaved = true;
                }

                var pages = Math.Max(0, (response.Continuation?.PageIndex ?? response.NextPageIndex ?? response.PageCount) - response.PageIndex);
                var commit = runs.CommitPageAsync(Dataset, loop.RunId, owner, staged, pages, pagesRead + response.PageCount, attempts - 1, committing, loop.Token);
                pagesRead += pages;

                // At most two pages in the database at once: this one writing, the one before committing.
                if (committing is not null)
                {
                    progress = (await committing).Info;
                    loop.Progress = progress;
                }

                committing = commit;
                if (!more)
                {
                    break;
                }
            }

            progress = (await committing).Info;
            loop.Progress = progress;
            var final = await runs.FinishAsync(Dataset, loop.RunId, owner, SyncRunStatus.Succeeded, null, progress.Mode == SyncMode.Full, time.GetUtcNow(), settings.RunsKept, null, loop.Token);
            logger.LogInformation("Sync {Sync} run {Run} read {Rows} rows in {Pages} pages: {Inserted} inserted, {Updated} updated, {Deleted} deleted",
                GetPrimaryKeyString(), loop.RunId, final.Info.RowsRead, final.Info.Pages, final.Info.RowsInserted, final.Info.RowsUpdated, final.Info.RowsDeleted);
            await CompleteAsync(final.Info);
        }
        catch (Exception) when (loop.StopReason is SyncStopReason.Deactivating or SyncStopReason.Removed)
        {
        }
        catch (SyncOwnershipLostException)
        {
            logger.LogWarning("Sync {Sync} run {Run} was taken over elsewhere; this activation stops working on it", GetPrimaryKeyString(), loop.RunId);
        }
        catch (Exception) when (loop.StopReason == SyncStopReason.Cancelled)
        {
            var final = await runs.FinishAsync(Dataset, loop.RunId, owner, SyncRunStatus.Cancelled, $"Cancelled by {loop.StoppedBy?.Name ?? "a user"}.", false, time.GetUtcNow(), settings.RunsKept, null, CancellationToken.None);
            await CompleteAsync(final.Info);
        }
        catch (Exception exception)
        {
            await FailAsync(loop, owner, exception);
        }
        finally
        {
            // A prefetch or commit the run ended without: stop it and observe its end.
            foreach (var unfinished in new Task?[] { pending, committing })
            {
                if (unfinished is not null)
                {
                    if (!unfinished.IsCompleted)
                    {
                        loop.Stop(loop.StopReason ?? SyncStopReason.Finished, null);
                    }

                    await unfinished.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            if (active == loop)
            {
                active = null;
            }
        }
    }

    private async Task FailAsync(SyncRunLoop loop, Guid owner, Exception exception)
    {
        var reason = Describe(exception);
        logger.Log(exception is NetSuiteException ? LogLevel.Warning : LogLevel.Error, exception is NetSuiteException ? null : exception,
            "Sync {Sync} run {Run} failed: {Reason}", GetPrimaryKeyString(), loop.RunId, reason);
        try
        {
            // A silo that no longer serves (killed, declared dead) must leave the run to the next owner, not fail it.
            await SaveAsync();
            var final = await runs.FinishAsync(Dataset, loop.RunId, owner, SyncRunStatus.Failed, reason, false, time.GetUtcNow(), options.Value.RunsKept,
                new SyncAudit("sync.failed", state.State.Name, new { runId = loop.RunId, reason }), CancellationToken.None);
            await CompleteAsync(final.Info);
        }
        catch (Exception recording) when (recording is SiloUnavailableException or InconsistentStateException or SyncOwnershipLostException)
        {
            logger.LogWarning("Sync {Sync} run {Run}: this activation no longer owns the run ({Why}); the next owner resumes it", GetPrimaryKeyString(), loop.RunId, recording.Message);
        }
    }

    /// <summary>Records a run's end in the grain: last run, watermark, failures in a row, next run, rows. Reads
    /// first and changes the state in one step, so a status request interleaving here never sees half of it.</summary>
    private async Task CompleteAsync(SyncRunInfo? final)
    {
        var zone = SyncScheduler.Zone((await Tenant.GetProfileAsync()).TimeZone);
        var rows = await datasets.CountAsync(Dataset, CancellationToken.None);
        var now = time.GetUtcNow();
        state.State.ActiveRunId = null;
        state.State.Rows = rows;
        if (final is not null)
        {
            state.State.LastRun = final;
            state.State.Watermark = SyncWatermark.After(state.State.Watermark, final.Status, final.StartedAt);
            state.State.ConsecutiveFailures = final.Status == SyncRunStatus.Failed ? state.State.ConsecutiveFailures + 1 : 0;
        }

        state.State.NextRunAt = state.State.ConsecutiveFailures > 0 && final is not null
            ? SyncScheduler.AfterFailure(state.State.Schedule, zone, final.StartedAt, now, state.State.ConsecutiveFailures, options.Value.FailureBackoff, options.Value.MaxFailureBackoff)
            : SyncScheduler.Next(state.State.Schedule, zone, state.State.LastRun?.StartedAt, now);
        await SaveAsync();
        await KeepReminderAsync();
    }

    private static Task<FetchedPage> Fetch(RestletClient client, RestletRequest request, long? afterId, CancellationToken cancellationToken) =>
        // Off the activation's thread: reading and staging a page overlaps with writing the previous one.
        Task.Run(async () =>
        {
            var response = await client.RunAsync(request with { IdRange = afterId is { } after ? new RestletIdRange(after + 1, null) : null }, cancellationToken);
            if (response.Rows.Any(r => r.Id is null))
            {
                throw new NetSuiteException("SUMMARY_SEARCH", "This is a summary search: its rows have no internal ids, so it cannot be kept row by row. Sync a search without summary columns.");
            }

            return new FetchedPage(response, StagedRows.From(response.Rows), client.LastAttempts);
        }, cancellationToken);

    private string Describe(Exception exception) => exception switch
    {
        NetSuiteAuthenticationException => exception.Message,
        NetSuiteException { Code: "UNKNOWN_SEARCH" } => $"NetSuite has no saved search {Key.SearchId} that this connection's role can see (UNKNOWN_SEARCH).",
        NetSuiteException netsuite => $"{netsuite.Message} ({netsuite.Code})",
        InvalidDataException => exception.Message,
        NotFoundException => "The connection this search syncs through no longer exists.",
        _ => $"Unexpected {exception.GetType().Name}: {exception.Message}",
    };

    private static void Validate(SyncSchedule? schedule, int minimumMinutes)
    {
        switch (schedule)
        {
            case null:
                throw InvalidInputException.For("schedule", "is required: Manual, Interval with everyMinutes, or Daily with dailyAt.");
            case { Kind: SyncScheduleKind.Manual }:
                return;
            case { Kind: SyncScheduleKind.Interval, EveryMinutes: { } minutes } when minutes >= minimumMinutes && minutes <= MaxIntervalMinutes:
                return;
            case { Kind: SyncScheduleKind.Interval }:
                throw InvalidInputException.For("schedule.everyMinutes", $"must be from {minimumMinutes} (the plan's shortest interval) to {MaxIntervalMinutes} minutes.");
            case { Kind: SyncScheduleKind.Daily, DailyAt: not null }:
                return;
            case { Kind: SyncScheduleKind.Daily }:
                throw InvalidInputException.For("schedule.dailyAt", "is required for a daily schedule, e.g. 02:30 (in the tenant's time zone).");
            default:
                throw InvalidInputException.For("schedule.kind", "must be Manual, Interval or Daily.");
        }
    }

    /// <summary>The tick reminder lives while there is a schedule to keep or a run to see through.</summary>
    private async Task KeepReminderAsync()
    {
        var needed = state.State.Exists && (state.State.Schedule.Kind != SyncScheduleKind.Manual || state.State.ActiveRunId is not null);
        if (tickRegistered == needed)
        {
            return;
        }

        var existing = await GetReminder(TickReminder);
        if (needed && existing is null)
        {
            await RegisterOrUpdateReminder(TickReminder, options.Value.TickInterval, options.Value.TickInterval);
        }
        else if (!needed && existing is not null)
        {
            await UnregisterReminder(existing);
        }

        tickRegistered = needed;
    }

    private Task SaveAsync() => writer.WriteAsync();

    private INetSuiteConnectionAccessGrain Connection() =>
        GrainFactory.GetGrain<INetSuiteConnectionAccessGrain>(ConnectionKey.Of(Key.TenantId, Key.ConnectionId));

    private SyncInfo Info() =>
        new(Key.ConnectionId, Key.SearchId, DatasetId.Of(Key.ConnectionId, Key.SearchId), state.State.Name, state.State.Mode, state.State.Schedule,
            state.State.ActiveRunId is null ? null : active?.Progress, state.State.LastRun, state.State.NextRunAt, state.State.Watermark,
            state.State.ConsecutiveFailures, state.State.Rows, state.State.CreatedAt);

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException("No such synced search.");
        }
    }
}
