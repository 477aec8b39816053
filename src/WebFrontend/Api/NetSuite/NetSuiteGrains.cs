using System.Security.Claims;
using EcomOps.Grains.Common;
using EcomOps.Grains.NetSuite;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>The caller's tenant's NetSuite grains: ids from a URL become grain keys only here, always under the
/// caller's own tenant, so another tenant's connection or dataset is simply not found.</summary>
public static class NetSuiteGrains
{
    public static INetSuiteDirectoryGrain NetSuiteDirectory(this IGrainFactory grains, ClaimsPrincipal user) =>
        grains.GetGrain<INetSuiteDirectoryGrain>(user.TenantKey());

    public static INetSuiteConnectionGrain Connection(this IGrainFactory grains, ClaimsPrincipal user, Guid connectionId) =>
        grains.GetGrain<INetSuiteConnectionGrain>(ConnectionKey.Of(user.TenantId(), connectionId));

    /// <summary>The sync of a search id from a URL (400 naming <c>searchId</c> when it is not one).</summary>
    public static ISavedSearchSyncGrain Sync(this IGrainFactory grains, ClaimsPrincipal user, Guid connectionId, string? searchId) =>
        grains.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(user.TenantId(), connectionId, SearchIds.Validate("searchId", searchId)));

    /// <summary>The sync behind a dataset id from a URL (400 naming <c>datasetId</c> when it is not one).</summary>
    public static ISavedSearchSyncGrain Dataset(this IGrainFactory grains, ClaimsPrincipal user, string? datasetId)
    {
        var (connectionId, searchId) = ParseDatasetId(datasetId);
        return grains.GetGrain<ISavedSearchSyncGrain>(SyncKey.Of(user.TenantId(), connectionId, searchId));
    }

    public static (Guid ConnectionId, string SearchId) ParseDatasetId(string? datasetId) =>
        DatasetId.TryParse(datasetId, out var connectionId, out var searchId)
            ? (connectionId, searchId)
            : throw InvalidInputException.For("datasetId", "must be a dataset id of the form {connection id, 32 hex digits}_{saved search id}.");
}
