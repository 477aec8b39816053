using EcomOps.Grains.Common;
using EcomOps.Grains.Tenancy;
using EcomOps.Runtime;
using EcomOps.WebFrontend.Auth;
using EcomOps.WebFrontend.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcomOps.WebFrontend.Api;

/// <summary>/api/v1/auth: register, log in, refresh, log out.</summary>
public static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync).AllowAnonymous();
        auth.MapPost("/login", LoginAsync).AllowAnonymous();
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous();
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous();
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, IGrainFactory grains, AccessTokens tokens)
    {
        var validation = new Validation()
            .Require("tenantName", request.TenantName)
            .Require("email", request.Email, 254)
            .Require("displayName", request.DisplayName)
            .Require("password", request.Password, 256);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var tenantId = Guid.NewGuid();
        var tenant = grains.GetGrain<ITenantGrain>(tenantId.ToString("N"));
        var owner = await tenant.RegisterAsync(new Registration(request.TenantName!, request.Email!, request.DisplayName!, request.Password!, request.TimeZone ?? "UTC"));
        var response = Issue(tokens, await tenant.IssueRefreshTokenAsync(owner.UserId));
        return TypedResults.Created("/api/v1/tenant", response);
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, IGrainFactory grains, AccessTokens tokens)
    {
        var validation = new Validation().Require("email", request.Email, 254).Require("password", request.Password, 256);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var result = await SignInAsync(grains, request.Email!, request.Password!);
        return result.Status switch
        {
            SignInStatus.Succeeded => TypedResults.Ok(Issue(tokens, await grains.GetGrain<ITenantGrain>(result.TenantId.ToString("N")).IssueRefreshTokenAsync(result.Member!.UserId))),
            SignInStatus.LockedOut => TypedResults.Problem(title: "Account locked", statusCode: StatusCodes.Status423Locked,
                detail: $"Too many failed sign-ins; try again after {result.LockedUntil:u}."),
            _ => Unauthorized("The email or password is not correct."),
        };
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, IGrainFactory grains, AccessTokens tokens)
    {
        if (!RefreshTokenFormat.TryParse(request.RefreshToken, out var tenantId, out _, out _))
        {
            return Unauthorized("The refresh token is not valid.");
        }

        var result = await grains.GetGrain<ITenantGrain>(tenantId.ToString("N")).RotateRefreshTokenAsync(request.RefreshToken!);
        return result.Status switch
        {
            RefreshStatus.Rotated => TypedResults.Ok(Issue(tokens, result.Token!)),
            RefreshStatus.ReuseDetected => Unauthorized("This refresh token was already used; every token of this sign-in is now revoked. Sign in again."),
            _ => Unauthorized("The refresh token is not valid or has expired."),
        };
    }

    private static async Task<NoContent> LogoutAsync(RefreshRequest request, IGrainFactory grains)
    {
        if (RefreshTokenFormat.TryParse(request.RefreshToken, out var tenantId, out _, out _))
        {
            await grains.GetGrain<ITenantGrain>(tenantId.ToString("N")).RevokeRefreshTokenAsync(Actor.System, request.RefreshToken!);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Signs in by email and password through the email's sign-in grain.</summary>
    public static Task<SignInResult> SignInAsync(IGrainFactory grains, string email, string password)
    {
        string normalized;
        try
        {
            normalized = InputRules.Email(email);
        }
        catch (InvalidInputException)
        {
            return Task.FromResult(SignInResult.Failed);
        }

        return grains.GetGrain<ISignInGrain>(normalized).SignInAsync(password);
    }

    private static TokenResponse Issue(AccessTokens tokens, IssuedRefreshToken refresh)
    {
        var (access, expiresAt) = tokens.Issue(refresh.TenantId, refresh.Member);
        return new TokenResponse(access, expiresAt, refresh.Token, refresh.ExpiresAt, refresh.TenantId, refresh.Member.UserId, refresh.Member.Role.ToString());
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
