using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReliefPlatform.IntegrationTests.Catalogue;

/// <summary>Steps of drafting and publishing a catalogue version, as the county's staff take them through the gateway.</summary>
internal static class CatalogueDrafts
{
    public static async Task<Guid> StartAsync(HttpClient drafter, string note = "集成测试修订")
    {
        var response = await drafter.PostAsJsonAsync("/api/catalogue/drafts", new { note });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A date no published version starts on or after, and not in the past: the next version may start then.</summary>
    public static async Task<DateOnly> NextEffectiveDateAsync(HttpClient reader)
    {
        var versions = await reader.GetFromJsonAsync<JsonElement>("/api/catalogue/versions");
        var latest = versions.EnumerateArray().Max(v => DateOnly.Parse(v.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return latest >= today ? latest.AddDays(1) : today;
    }

    /// <summary>An item of the seeded catalogue as JSON, to change and put back.</summary>
    public static async Task<JsonObject> SeededItemAsync(HttpClient reader, string code)
    {
        var version = await reader.GetFromJsonAsync<JsonElement>("/api/catalogue/versions/1");
        var item = version.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetProperty("code").GetString() == code);
        return JsonNode.Parse(item.GetProperty("item").GetRawText())!.AsObject();
    }

    public static Task<HttpResponseMessage> PutItemAsync(HttpClient drafter, Guid draft, string code, JsonObject item) =>
        drafter.PutAsJsonAsync($"/api/catalogue/drafts/{draft}/items/{code}", item);

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient drafter, Guid draft, DateOnly effectiveFrom, string note = "集成测试提交") =>
        drafter.PostAsJsonAsync($"/api/catalogue/drafts/{draft}/submit", new { effectiveFrom = effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note });

    public static async Task<int> ApproveAsync(HttpClient approver, Guid draft)
    {
        var response = await approver.PostAsync($"/api/catalogue/drafts/{draft}/approve", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publishedVersion").GetInt32();
    }

    /// <summary>Drafts, submits and has a second person approve a version that starts on the next free date.</summary>
    public static async Task<(int Version, DateOnly EffectiveFrom)> PublishNextAsync(HttpClient drafter, HttpClient approver, Func<Guid, Task>? edit = null)
    {
        var draft = await StartAsync(drafter);
        if (edit is not null)
        {
            await edit(draft);
        }

        var effectiveFrom = await NextEffectiveDateAsync(drafter);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(drafter, draft, effectiveFrom)).StatusCode);
        return (await ApproveAsync(approver, draft), effectiveFrom);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
