using EcomOps.Grains.Tenancy;
using EcomOps.WebFrontend.Auth;

namespace EcomOps.WebFrontend.Tests;

public sealed class PermissionMatrixDocumentTests
{
    [Fact]
    public void TheDocumentedMatrixIsTheEnforcedOne()
    {
        var document = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "permissions.md"));
        var roles = new[] { Role.Viewer, Role.Operator, Role.Admin, Role.Owner };
        foreach (var permission in Enum.GetValues<Permission>())
        {
            var row = document.SingleOrDefault(l => l.StartsWith($"| {permission} |", StringComparison.Ordinal))
                      ?? throw new Xunit.Sdk.XunitException($"docs/permissions.md has no row for {permission}.");
            var cells = row.Split('|').Skip(3).Take(4).Select(c => c.Trim() == "✓").ToArray();
            Assert.Equal(roles.Select(r => RolePermissions.Allows(r, permission)), cells);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Silo.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Silo.sln not found above the test output.");
    }
}
