using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>Money on a budget line as finance puts it there: proposed by finance, approved by the county administrator.</summary>
internal static class Budgets
{
    public static int Year => DateTime.UtcNow.AddHours(8).Year;

    /// <summary>Allocates this year's fiscal budget for the project in the township; returns the line.</summary>
    public static async Task<Guid> AllocateAsync(CountyAppFixture county, string project, string township, decimal amount)
    {
        var finance = await county.ClientForAsync("finance");
        var admin = await county.ClientForAsync("county-admin");
        var proposed = await finance.PostAsJsonAsync("/api/funding/allocations",
            new { year = Year, sourceType = "fiscal-budget", projectCode = project, townshipCode = township, amount, reason = "县财政下达" });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/allocations/{id}/approve", null)).StatusCode);
        var lines = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}&townshipCode={township}");
        return lines[0].GetProperty("id").GetGuid();
    }
}
