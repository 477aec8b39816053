using Microsoft.Extensions.Logging;
using Npgsql;

namespace EcomOps.Runtime.Membership;

/// <summary>Keeps a current <see cref="MembershipView"/>: re-reads the table on a short period, and at once when
/// a silo's status changes (LISTEN/NOTIFY). Concurrent refresh requests share one read.</summary>
internal sealed class MembershipViewSource : IAsyncDisposable
{
    private int disposed;
    private readonly MembershipTable table;
    private readonly TimeSpan refreshInterval;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock refreshLock = new();
    private Task<MembershipView>? refreshInFlight;
    private Task? refreshLoop;
    private Task? listenLoop;

    public MembershipViewSource(MembershipTable table, TimeSpan refreshInterval, ILogger logger)
    {
        this.table = table;
        this.refreshInterval = refreshInterval;
        this.logger = logger;
    }

    public event Action<MembershipView>? Changed;

    public MembershipView Current { get; private set; } = MembershipView.Empty;

    public string ClusterId => table.ClusterId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        refreshLoop = RefreshLoopAsync(stopping.Token);
        listenLoop = ListenLoopAsync(stopping.Token);
    }

    /// <summary>Reads the table now (or joins a read already under way) and publishes the result.</summary>
    public Task<MembershipView> RefreshAsync(CancellationToken cancellationToken)
    {
        lock (refreshLock)
        {
            if (refreshInFlight is { IsCompleted: false } inFlight)
            {
                return inFlight.WaitAsync(cancellationToken);
            }

            refreshInFlight = ReadAndPublishAsync();
            return refreshInFlight.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may hand one instance out under several service types and dispose it once for each.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        foreach (var loop in new[] { refreshLoop, listenLoop })
        {
            if (loop is null)
            {
                continue;
            }

            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        stopping.Dispose();
        wake.Dispose();
    }

    private async Task<MembershipView> ReadAndPublishAsync()
    {
        var view = await table.ReadAsync(stopping.Token).ConfigureAwait(false);
        var previous = Current;
        Current = view;
        if (view.Version != previous.Version || !view.SameOwnersAs(previous))
        {
            Changed?.Invoke(view);
        }

        return view;
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await wake.WaitAsync(refreshInterval, cancellationToken).ConfigureAwait(false);
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the membership table of cluster {ClusterId}", table.ClusterId);
            }
        }
    }

    private async Task ListenLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await table.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == table.ClusterId)
                    {
                        wake.Release();
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {MembershipTable.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // A change may have landed before LISTEN took effect.
                wake.Release();
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Membership notifications for cluster {ClusterId} interrupted; reconnecting", table.ClusterId);
                await Task.Delay(refreshInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
