namespace EcomOps.Grains.NetSuite;

/// <summary>How saved-search syncs run (configuration section "Sync").</summary>
public sealed class SyncOptions
{
    /// <summary>How often each sync's reminder looks at its schedule, and how soon a run whose silo died resumes.
    /// Also the precision of schedules. Default 1 min.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per RESTlet page, 5 to 1,000. Default 1,000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Pages per RESTlet call, 1 to 10: fewer calls, but more governance per call. Default 10.</summary>
    public int PagesPerRequest { get; set; } = 10;

    /// <summary>How far before the last run's start an incremental run looks, for clock skew between NetSuite and the
    /// cluster and for records saved while that run read. Default 10 min.</summary>
    public TimeSpan IncrementalOverlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The first wait after a failed run; it doubles with each failure in a row. Default 1 min.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait after failures. Default 6 h.</summary>
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts per NetSuite request before a run fails. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Base of the jittered exponential backoff between attempts. Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between attempts. Default 20 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Runs kept in each sync's history. Default 500.</summary>
    public int RunsKept { get; set; } = 500;
}
