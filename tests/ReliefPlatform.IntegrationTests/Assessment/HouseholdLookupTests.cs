using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// Finding a person's household by the ID number a resident hands over at the desk: exact, through the blind index,
/// walled like every registry read, refused with the field's Chinese message when the number is not a valid one, and on
/// the audit chain (the household, never the number).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class HouseholdLookupTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task A_caseworker_finds_the_household_by_a_members_id_number_and_other_townships_staff_find_nothing()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var idNumber = People.IdNumber(70);
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "206", People.Member("周桂兰", idNumber));

        // Typed as a person would: lower-case x, spaces around.
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = $" {idNumber.ToLowerInvariant()} " });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = await found.Content.ReadAsStringAsync();
        Assert.Equal(household, JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
        Assert.DoesNotContain(idNumber, body, StringComparison.OrdinalIgnoreCase); // the answer is masked like any registry read
        Assert.DoesNotContain("周桂兰", body, StringComparison.Ordinal);

        var own = await county.ClientForAsync("township-hengshan");
        Assert.Equal(HttpStatusCode.OK, (await own.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber })).StatusCode);
        var other = await county.ClientForAsync("township-foziling");
        var walled = await other.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber });
        Assert.Equal(HttpStatusCode.NotFound, walled.StatusCode);
        Assert.DoesNotContain(household.ToString(), await walled.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var provider = await county.ClientForAsync("provider-demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber })).StatusCode);

        // Who looked whom up is on the chain, without the number.
        var supervisor = await county.ClientForAsync("supervisor");
        var entries = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{household}")).GetProperty("items");
        var lookups = entries.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "household.lookup-by-id-number").ToList();
        Assert.Equal(2, lookups.Select(e => e.GetProperty("actor").GetString()).Distinct().Count()); // the caseworker's and the township's
        Assert.DoesNotContain(idNumber, entries.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_number_that_is_not_a_valid_id_is_refused_at_the_field_and_an_unknown_one_is_not_found()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var idNumber = People.IdNumber(50);
        var wrongCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');

        var refused = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = wrongCheck });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("公民身份号码校验码不正确，请核对。", errors.GetProperty("idNumber")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { })).StatusCode);

        var unknown = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("未找到", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
