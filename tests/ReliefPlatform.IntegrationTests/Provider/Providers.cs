using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Provider.Domain.Providers;

namespace ReliefPlatform.IntegrationTests.Provider;

/// <summary>Providers as staff register them: an application with a fresh, valid credit code, and the two-person onboarding.</summary>
internal static class Providers
{
    public static async Task<Guid> ApplyAsync(HttpClient client, string kind)
    {
        var response = await client.PostAsJsonAsync("/api/provider/providers", Application(kind, NewCreditCode()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provider").GetProperty("id").GetGuid();
    }

    /// <summary>Applied by the caseworker, reviewed by the caseworker, approved by the county administrator.</summary>
    public static async Task<Guid> OnboardAsync(CountyAppFixture county, string kind)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var id = await ApplyAsync(caseworker, kind);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await county.ClientForAsync("county-admin")).PostAsJsonAsync($"/api/provider/providers/{id}/approve", new { })).StatusCode);
        return id;
    }

    public static object Application(string kind, string creditCode) =>
        new { kind, name = $"霍山县测试机构{creditCode[^6..]}", creditCode, contact = new { name = "王芳", phone = "13856785678" } };

    public static string NewCreditCode()
    {
        var body = "52341525" + string.Concat(Enumerable.Range(0, 9).Select(_ => CreditCode.Alphabet[Random.Shared.Next(10)]));
        return body + CreditCode.CheckCharacter(body);
    }
}
