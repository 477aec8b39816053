using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EcomOps.WebFrontend.Api;
using Microsoft.Playwright;

namespace EcomOps.WebFrontend.Tests;

/// <summary>The portal driven as a person would, in Debian's Chromium, headless.</summary>
[Collection(PortalCollection.Name)]
public sealed class BrowserTests(PortalFixture fixture)
{
    public const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task RegisterSignInInviteChangeRoleAndSeeItAllInTheAuditLog()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = (await fixture.PortalAddressAsync()).ToString() });
        var ownerEmail = $"olive-{Guid.NewGuid():N}@example.com";
        var inviteeEmail = $"ivan-{Guid.NewGuid():N}@example.com";

        // Register: the new Owner lands on the dashboard.
        await page.GotoAsync("/register");
        await page.FillAsync("[name='Form.TenantName']", "Browser Co");
        await page.FillAsync("[name='Form.DisplayName']", "Olive Owner");
        await page.FillAsync("[name='Form.Email']", ownerEmail);
        await page.FillAsync("[name='Form.Password']", "a long owner password");
        await page.ClickAsync("button:has-text('Create tenant')");
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("your tenant is ready");
        await Assertions.Expect(page.GetByTestId("plan-card")).ToContainTextAsync("Trial");

        // Sign out, then sign in again.
        await page.ClickAsync("button:has-text('Sign out')");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.FillAsync("[name='Form.Email']", ownerEmail);
        await page.FillAsync("[name='Form.Password']", "wrong password here");
        await page.ClickAsync("button:has-text('Sign in')");
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("not correct");
        await page.FillAsync("[name='Form.Email']", ownerEmail);
        await page.FillAsync("[name='Form.Password']", "a long owner password");
        await page.ClickAsync("button:has-text('Sign in')");
        await Assertions.Expect(page.GetByTestId("nav")).ToContainTextAsync("Audit log");

        // Invite a user as an Operator: the temporary password is shown once.
        await page.GotoAsync("/users");
        await page.ClickAsync("summary:has-text('Add a user')");
        await page.FillAsync("[name='Add.Email']", inviteeEmail);
        await page.FillAsync("[name='Add.DisplayName']", "Ivan Invitee");
        await page.SelectOptionAsync("[name='Add.Role']", "Operator");
        await page.ClickAsync("[data-testid='add-user-form'] button:has-text('Add')");
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("Temporary password");
        await Assertions.Expect(page.GetByTestId($"role-{inviteeEmail}")).ToHaveTextAsync("Operator");

        // Make them an Admin.
        var roleForm = page.GetByTestId($"change-role-{inviteeEmail}");
        await roleForm.Locator("select").SelectOptionAsync("Admin");
        await roleForm.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("toast")).ToContainTextAsync("is now Admin");
        await Assertions.Expect(page.GetByTestId($"role-{inviteeEmail}")).ToHaveTextAsync("Admin");

        // A hand-edited page number shows the first page, not an error page.
        await page.GotoAsync("/users?page=abc");
        await Assertions.Expect(page.GetByTestId($"role-{inviteeEmail}")).ToHaveTextAsync("Admin");

        // Every step is in the audit log.
        await page.GotoAsync("/audit");
        var actions = await page.GetByTestId("audit-action").AllTextContentsAsync();
        foreach (var expected in new[] { "tenant.registered", "user.added", "auth.sign_in", "user.role_changed" })
        {
            Assert.Contains(expected, actions);
        }

        Assert.Equal(2, actions.Count(a => a == "user.added"));
        Assert.Contains("auth.sign_in", actions);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ecomops-audit.png"), FullPage = true });

        // Filtering swaps the table in place.
        await page.FillAsync("[data-testid='audit-table'] input[name='action']", "user.role");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("audit-action")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("audit-action")).ToHaveTextAsync("user.role_changed");
    }

    [Fact]
    public async Task AViewerSeesOnlyWhatAViewerMayUse()
    {
        var owner = await fixture.RegisterAsync();
        var viewerEmail = $"vera-{Guid.NewGuid():N}@example.com";
        (await owner.Client.PostAsJsonAsync("/api/v1/users", new AddUserRequest(viewerEmail, "Vera Viewer", "Viewer", "viewer password 1"))).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = (await fixture.PortalAddressAsync()).ToString() });
        await page.GotoAsync("/users");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2Fusers"));
        await page.FillAsync("[name='Form.Email']", viewerEmail);
        await page.FillAsync("[name='Form.Password']", "viewer password 1");
        await page.ClickAsync("button:has-text('Sign in')");

        // Back where it was going, which a Viewer may not see.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/denied"));
        var nav = page.GetByTestId("nav");
        await Assertions.Expect(nav).ToContainTextAsync("Dashboard");
        foreach (var hidden in new[] { "Users", "API keys", "Audit log" })
        {
            await Assertions.Expect(nav).Not.ToContainTextAsync(hidden);
        }

        await page.GotoAsync("/settings");
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Trial");
        Assert.Equal(0, await page.Locator("form button:has-text('Change plan')").CountAsync());
        Assert.Equal(0, await page.Locator("[name='Tenant.Name']").CountAsync());
    }

    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
