using EcomOps.Grains.NetSuite;

namespace EcomOps.Sandboxes.NetSuite;

/// <summary>The data sets and saved searches every sandbox account has: customers, items, sales orders, transactions.</summary>
public sealed class SandboxCatalog
{
    public SandboxCatalog(long rowsPerDataSet, DateTimeOffset generatedAt)
    {
        DataSets = new Dictionary<string, SandboxDataSet>(StringComparer.OrdinalIgnoreCase)
        {
            ["customer"] = new("customer", [Text("entityid", "ID"), Text("companyname", "Company Name"), new("email", null, null, "Email", "email"), new("balance", null, null, "Balance", "currency"), Modified()], rowsPerDataSet, generatedAt),
            ["item"] = new("item", [Text("itemid", "Name"), Text("displayname", "Display Name"), new("baseprice", null, null, "Base Price", "currency"), Modified()], rowsPerDataSet, generatedAt),
            ["salesorder"] = new("salesorder", [Text("tranid", "Document Number"), new("entity", null, null, "Customer", "select"), new("total", null, null, "Amount (Transaction Total)", "currency"), Modified()], rowsPerDataSet, generatedAt),
            ["transaction"] = new("transaction", [Text("tranid", "Document Number"), Text("type", "Type"), new("amount", null, null, "Amount", "currency"), Modified()], rowsPerDataSet, generatedAt),
        };
        SavedSearches = DataSets.Values.ToDictionary(d => $"customsearch_ecomops_{d.RecordType}s", d => d, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyDictionary<string, SandboxDataSet> DataSets { get; }

    public IReadOnlyDictionary<string, SandboxDataSet> SavedSearches { get; }

    private static RestletColumn Text(string name, string label) => new(name, null, null, label, "text");

    private static RestletColumn Modified() => new("lastmodifieddate", null, null, "Last Modified", "datetime");
}
