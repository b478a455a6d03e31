using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>Purchase projects as finance starts them: proposed by finance, initiated (立项) when the county administrator approves.</summary>
internal static class PurchaseProjects
{
    private static readonly string[] Documents = ["霍民〔2026〕12号 立项批复"];

    /// <summary>Proposes this year's project for the township and items, and has it approved (立项); returns its id.</summary>
    public static async Task<Guid> InitiateAsync(CountyAppFixture county, string code, string township, params string[] items)
    {
        var id = await ProposeAsync(county, code, township, items);
        var approved = await (await county.ClientForAsync("county-admin")).PostAsync($"/api/funding/projects/{id}/stages/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return id;
    }

    /// <summary>Proposes the project (立项申请) without approving it.</summary>
    public static async Task<Guid> ProposeAsync(CountyAppFixture county, string code, string township, params string[] items)
    {
        var proposed = await (await county.ClientForAsync("finance")).PostAsJsonAsync("/api/funding/projects", new
        {
            year = Budgets.Year, code, name = "居家照护服务项目", goals = "为困难老人提供上门照护", items = items.Length > 0 ? items : ["daily-care"],
            townships = new[] { township }, budget = 100_000.00m, documents = Documents,
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        return (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
