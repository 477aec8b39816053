namespace EcomOps.WebFrontend.Components;

/// <summary>A one-time message carried across a redirect in a short-lived cookie, shown as a toast by the layout.</summary>
public static class Flash
{
    private const string CookieName = "ecomops_flash";

    public static void Set(HttpContext context, string message, string kind = "success") =>
        context.Response.Cookies.Append(CookieName, $"{kind}|{message}", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(1) });

    public static (string Kind, string Message)? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName);
        }

        return (value[..bar], value[(bar + 1)..]);
    }
}
