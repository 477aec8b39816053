using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.Runtime.Hosting;
using EcomOps.Runtime.Logging;
using EcomOps.WebFrontend.Api;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Components;
using EcomOps.WebFrontend.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EcomOps.WebFrontend.Hosting;

public static class WebFrontendHostingExtensions
{
    private const string SmartScheme = "smart";

    /// <summary>The portal, the HTTP API and their services, as a cluster client.</summary>
    public static WebApplicationBuilder AddWebFrontend(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseWebRoot(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        builder.AddStructuredLogging();
        builder.AddClusterClient();
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            .Validate(o => o.SigningKeyBytes().Length >= 32, "Auth:JwtSigningKey must be a base64 key of at least 32 bytes.")
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.SessionLifetime > TimeSpan.Zero, "Auth:AccessTokenLifetime and Auth:SessionLifetime must be positive.")
            .ValidateOnStart();
        services.AddOptions<WebFrontendOptions>().Bind(builder.Configuration.GetSection("WebFrontend"))
            .Validate(o => o.MaxRequestBodyBytes > 0, "WebFrontend:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("WebFrontend:MaxRequestBodyBytes") ?? new WebFrontendOptions().MaxRequestBodyBytes);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccessTokens>();
        services.AddSingleton(sp => NpgsqlDataSource.Create(AppRoleConnection.For(
            builder.Configuration["Tenancy:AppConnectionString"], sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ConnectionString)));
        services.AddDataProtection().SetApplicationName("EcomOps");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "API or portal", options =>
                options.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments("/api")
                    ? BearerAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/denied";
                options.Cookie.Name = "ecomops";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = PortalSession.ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);
        services.AddAuthorization(options =>
        {
            options.AddPolicy(ApiEndpoints.ApiPolicy, policy => policy.RequireAuthenticatedUser());
            foreach (var permission in Enum.GetValues<Permission>())
            {
                options.AddPolicy(RolePermissions.PolicyName(permission), policy => policy.RequireAssertion(context => context.User.Has(permission)));
            }
        });

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAntiforgery();
        services.AddOpenApi("v1");
        services.AddRazorComponents();
        return builder;
    }

    public static WebApplication UseWebFrontend(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.Use(CorrelationIdMiddleware.TenantAsync);
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Ecom Ops Suite API v1"));
        app.MapApiV1();
        app.MapPortal();
        app.MapRazorComponents<App>();
        return app;
    }
}
