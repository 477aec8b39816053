using System.Globalization;
using EcomOps.Grains.NetSuite;
using EcomOps.WebFrontend.Infrastructure;

namespace EcomOps.WebFrontend.Api.NetSuite;

/// <summary>Checks NetSuite input from the API and the portal alike and turns it into the grains' settings; every
/// problem is recorded against its field, and nothing is built unless all is well.</summary>
public static class NetSuiteInput
{
    public const int MaxIntervalMinutes = 7 * 24 * 60;
    public const int MaxRowsPerPage = 1000;

    public static ConnectionSettings? Connection(ConnectionRequest request, bool creating, Validation validation)
    {
        validation.Require("name", request.Name, 100).Require("accountId", request.AccountId, 50);
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(request.RestletUrl))
        {
            validation.Add("restletUrl", "is required.");
        }
        else if (!Uri.TryCreate(request.RestletUrl.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("https" or "http") || request.RestletUrl.Length > 1000)
        {
            validation.Add("restletUrl", "must be the RESTlet's external URL, https://ACCOUNT.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=...&deploy=...");
        }

        var method = NetSuiteAuthMethod.Tba;
        if (request.AuthMethod is not null)
        {
            validation.Require("authMethod", request.AuthMethod, out method);
        }

        TbaSecrets? tba = null;
        OAuth2Secrets? oauth2 = null;
        if (!validation.Errors.ContainsKey("authMethod"))
        {
            var (mine, other, otherGiven) = method == NetSuiteAuthMethod.Tba ? ("tba", "oauth2", request.OAuth2 is not null) : ("oauth2", "tba", request.Tba is not null);
            if (otherGiven)
            {
                validation.Add(other, $"does not go with authMethod {method}, which signs with {mine}.");
            }

            if (method == NetSuiteAuthMethod.Tba)
            {
                tba = Tba(request.Tba, creating, validation);
            }
            else
            {
                oauth2 = OAuth2(request.OAuth2, creating, validation);
            }
        }

        return validation.IsValid ? new ConnectionSettings(request.Name!.Trim(), request.AccountId!.Trim(), url!, method, tba, oauth2) : null;
    }

    private static TbaSecrets? Tba(TbaRequest? secrets, bool creating, Validation validation)
    {
        if (secrets is null)
        {
            if (creating)
            {
                validation.Add("tba", "the consumer key and secret and the token id and secret are required.");
            }

            return null;
        }

        validation.Require("tba.consumerKey", secrets.ConsumerKey)
            .Require("tba.consumerSecret", secrets.ConsumerSecret)
            .Require("tba.tokenId", secrets.TokenId)
            .Require("tba.tokenSecret", secrets.TokenSecret);
        return validation.IsValid ? new TbaSecrets(secrets.ConsumerKey!.Trim(), secrets.ConsumerSecret!.Trim(), secrets.TokenId!.Trim(), secrets.TokenSecret!.Trim()) : null;
    }

    private static OAuth2Secrets? OAuth2(OAuth2Request? secrets, bool creating, Validation validation)
    {
        if (secrets is null)
        {
            if (creating)
            {
                validation.Add("oauth2", "the client id, the certificate id and the certificate's private key (PEM) are required.");
            }

            return null;
        }

        validation.Require("oauth2.clientId", secrets.ClientId)
            .Require("oauth2.certificateId", secrets.CertificateId)
            .Require("oauth2.privateKeyPem", secrets.PrivateKeyPem, 20_000);
        return validation.IsValid ? new OAuth2Secrets(secrets.ClientId!.Trim(), secrets.CertificateId!.Trim(), secrets.PrivateKeyPem!.Trim()) : null;
    }

    public static SyncSettings? Search(string searchId, SearchRequest request, Validation validation)
    {
        var name = string.IsNullOrWhiteSpace(request.Name) ? searchId : request.Name.Trim();
        if (name.Length > 100)
        {
            validation.Add("name", "must be at most 100 characters.");
        }

        var mode = SyncMode.Full;
        if (request.Mode is not null)
        {
            validation.Require("mode", request.Mode, out mode);
        }

        var schedule = request.Schedule is null ? SyncSchedule.Manual : Schedule(request.Schedule, validation);
        return validation.IsValid ? new SyncSettings(name, mode, schedule!) : null;
    }

    public static SyncMode? Mode(RunRequest? request, Validation validation)
    {
        if (request?.Mode is null)
        {
            return null;
        }

        validation.Require("mode", request.Mode, out SyncMode mode);
        return mode;
    }

    /// <summary>A page of a dataset from query-string text: <paramref name="limit"/> rows (1 to
    /// <see cref="MaxRowsPerPage"/>, default 50), sorted by column index <paramref name="sort"/> (none: internal id),
    /// filtered by text in column <paramref name="filterColumn"/> or any.</summary>
    public static DatasetQuery? Rows(string? limit, string? cursor, string? sort, string? desc, string? filter, string? filterColumn, Validation validation)
    {
        var rows = Integer("limit", limit, 1, MaxRowsPerPage, validation) ?? 50;
        var sortColumn = Integer("sort", sort, 0, 10_000, validation);
        var filterIn = Integer("filterColumn", filterColumn, 0, 10_000, validation);
        var descending = false;
        if (!string.IsNullOrEmpty(desc) && !bool.TryParse(desc, out descending))
        {
            validation.Add("desc", "must be true or false.");
        }

        if (cursor?.Length > 2000)
        {
            validation.Add("cursor", "must be the nextCursor of a previous page.");
        }

        if (filter?.Length > 200)
        {
            validation.Add("filter", "must be at most 200 characters.");
        }

        return validation.IsValid
            ? new DatasetQuery(rows, string.IsNullOrEmpty(cursor) ? null : cursor, sortColumn, descending, string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(), filterIn)
            : null;
    }

    /// <summary>Column indexes from "0,2,5" (null: every column).</summary>
    public static IReadOnlyList<int>? Columns(string? columns, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(columns))
        {
            return null;
        }

        var indexes = new List<int>();
        foreach (var part in columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 10_000)
            {
                validation.Add("columns", "must be column indexes separated by commas, such as 0,2,3.");
                return null;
            }

            if (!indexes.Contains(index))
            {
                indexes.Add(index);
            }
        }

        return indexes;
    }

    public static int? Integer(string field, string? value, int min, int max, Validation validation)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            validation.Add(field, $"must be a whole number from {min} to {max}.");
            return null;
        }

        return parsed;
    }

    private static SyncSchedule? Schedule(ScheduleRequest request, Validation validation)
    {
        validation.Require("schedule.kind", request.Kind, out SyncScheduleKind kind);
        if (!validation.IsValid)
        {
            return null;
        }

        switch (kind)
        {
            case SyncScheduleKind.Interval when request.EveryMinutes is not (> 0 and <= MaxIntervalMinutes):
                validation.Add("schedule.everyMinutes", $"is required for an interval schedule: 1 to {MaxIntervalMinutes} minutes.");
                return null;
            case SyncScheduleKind.Interval:
                return SyncSchedule.Every(request.EveryMinutes!.Value);
            case SyncScheduleKind.Daily:
                if (!TimeOnly.TryParseExact(request.DailyAt?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    validation.Add("schedule.dailyAt", "is required for a daily schedule, as HH:mm (24-hour) in the tenant's time zone.");
                    return null;
                }

                return SyncSchedule.Daily(at);
            default:
                return SyncSchedule.Manual;
        }
    }
}
