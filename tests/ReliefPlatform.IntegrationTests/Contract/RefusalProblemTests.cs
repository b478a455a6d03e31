using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Contract;

/// <summary>A service's own refusals read like the gateway's: problem+json in Chinese, never an empty body.</summary>
[Collection(CountyCollection.Name)]
public sealed class RefusalProblemTests(CountyAppFixture county)
{
    [Theory]
    [InlineData(ResourceNames.Gateway, "/api/catalogue/classes")]
    [InlineData(ResourceNames.Catalogue, "/api/catalogue/classes")]
    [InlineData(ResourceNames.Assessment, "/api/assessment/households")]
    [InlineData(ResourceNames.Funding, "/api/funding/source-types")]
    public async Task A_call_without_a_token_is_answered_401_with_a_problem_in_chinese_by_the_gateway_and_by_the_service_itself(string resource, string path)
    {
        using var anonymous = county.App.CreateHttpClient(resource);

        using var response = await anonymous.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_supervisor_writing_directly_to_a_service_is_answered_403_with_a_problem_in_chinese()
    {
        using var catalogue = county.App.CreateHttpClient(ResourceNames.Catalogue);
        catalogue.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await county.TokenAsync("supervisor"));

        using var response = await catalogue.PostAsync("/api/catalogue/drafts", new StringContent("""{"note":"督导不能改清单"}""", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_given_twice_is_refused_with_a_400_naming_it_not_resolved_to_the_last_value()
    {
        var admin = await county.ClientForAsync("county-admin");

        using var response = await admin.PostAsync("/api/catalogue/drafts",
            new StringContent("""{"note":"第一条说明","note":"第二条说明"}""", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("该字段在请求中重复出现。", problem.GetProperty("errors").GetProperty("note")[0].GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"note":"   "}""")]
    public async Task A_catalogue_draft_without_its_note_is_refused_naming_the_note(string body)
    {
        var admin = await county.ClientForAsync("county-admin");

        using var response = await admin.PostAsync("/api/catalogue/drafts", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("修订说明", problem.GetProperty("errors").GetProperty("note")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        var title = problem.GetProperty("title").GetString();
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Contains(title!, c => c >= '\u4e00' && c <= '\u9fff');
        return problem;
    }
}
