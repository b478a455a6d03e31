using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>Money on a budget line as finance puts it there: proposed by finance, approved by the county administrator.</summary>
internal static class Budgets
{
    public static int Year => DateTime.UtcNow.AddHours(8).Year;

    /// <summary>Allocates this year's fiscal budget for the project in the township; returns the line.</summary>
    public static async Task<Guid> AllocateAsync(CountyAppFixture county, string project, string township, decimal amount) =>
        await AllocateAsync(await county.ClientForAsync("finance"), await county.ClientForAsync("county-admin"), project, township, amount);

    /// <summary>The same, by finance and the county administrator of any county (e.g. one a test starts itself).</summary>
    public static async Task<Guid> AllocateAsync(HttpClient finance, HttpClient admin, string project, string township, decimal amount)
    {
        var proposed = await finance.PostAsJsonAsync("/api/funding/allocations",
            new { year = Year, sourceType = "fiscal-budget", projectCode = project, townshipCode = township, amount, reason = "县财政下达" });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/allocations/{id}/approve", null)).StatusCode);
        var lines = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}&townshipCode={township}");
        return lines[0].GetProperty("id").GetGuid();
    }

    /// <summary>What the project's (first) budget line holds reserved, as finance reads it.</summary>
    public static async Task<decimal> CommittedAsync(HttpClient finance, string project) =>
        (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("committed").GetDecimal();
}
