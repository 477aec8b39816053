namespace EcomOps.Runtime.Transport;

/// <summary>The outcome byte of a response frame.</summary>
internal enum FrameStatus : byte
{
    Ok = 0,
    Exception = 1,
    Moved = 2,
    Unavailable = 3,
    Timeout = 4,
    BadRequest = 5,

    /// <summary>Sent with call id 0: the silo is leaving; send nothing more on this stream.</summary>
    GoAway = 6,
}
