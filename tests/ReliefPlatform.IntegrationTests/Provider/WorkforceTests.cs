using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Provider;

/// <summary>培养队伍 through the gateway on the real county: a certificate earned on a course counts as the provider's qualification, while it is valid.</summary>
[Collection(CountyCollection.Name)]
public sealed class WorkforceTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task A_training_certificate_makes_its_holders_provider_eligible_for_an_item_that_requires_it_and_an_expired_one_does_not()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var provider = await Providers.OnboardAsync(county, "elderly-care-organisation");
        await MessagingHost.EventuallyAsync(async () => (await caseworker.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Hengshan }, capacity = 10, per = "Week" } })).IsSuccessStatusCode, "Provider knows the catalogue");
        Assert.Contains("尚未登记", Reasons(await EligibilityAsync(caseworker, provider)), StringComparison.Ordinal);

        var refused = await caseworker.PostAsJsonAsync("/api/provider/workforce/members", new { role = "provider-staff", name = "刘3" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Equal("服务主体工作人员须指明所在的服务主体。", errors.GetProperty("providerId")[0].GetString());

        var registered = await caseworker.PostAsJsonAsync("/api/provider/workforce/members", new { role = "provider-staff", name = "刘桂兰", providerId = provider, townshipCode = Hengshan });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var member = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("member");
        Assert.Equal("刘**", member.GetProperty("name").GetString());
        var memberId = member.GetProperty("id").GetGuid();

        // A course three years ago whose 24-month certificate has run out: recorded, but it does not make the provider eligible.
        var old = await CourseAsync(caseworker, "养老护理员初级培训（2023）", today.AddYears(-3), 24);
        var expired = await AttendAsync(caseworker, old, memberId, 40m);
        Assert.Equal("已过期", expired.GetProperty("certificate").GetProperty("state").GetString());
        var stillIneligible = await EligibilityAsync(caseworker, provider);
        Assert.False(stillIneligible.GetProperty("eligible").GetBoolean());
        Assert.Contains("过期", Reasons(stillIneligible), StringComparison.Ordinal);

        // This month's course, passed with 36 of its 40 hours: the certificate counts as the provider's qualification for two years.
        var recent = await CourseAsync(caseworker, "养老护理员职业技能培训", today.AddDays(-4), 24);
        var earned = (await AttendAsync(caseworker, recent, memberId, 36m)).GetProperty("certificate");
        Assert.Equal("有效", earned.GetProperty("state").GetString());
        var certificateUntil = DateOnly.Parse(earned.GetProperty("validUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today.AddDays(-4).AddMonths(24).AddDays(-1), certificateUntil);

        Assert.True((await EligibilityAsync(caseworker, provider)).GetProperty("eligible").GetBoolean());
        Assert.False((await EligibilityAsync(caseworker, provider, certificateUntil.AddDays(1))).GetProperty("eligible").GetBoolean());
        var qualifications = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}")).GetProperty("qualifications").EnumerateArray().ToList();
        Assert.Equal(2, qualifications.Count);
        Assert.Contains(qualifications, q => q.GetProperty("trainingCertificateId").GetGuid() == earned.GetProperty("id").GetGuid());

        var again = await caseworker.PostAsJsonAsync($"/api/provider/workforce/courses/{recent}/attendance", new { memberId, hours = 36m, passed = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var record = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/workforce/members/{memberId}");
        Assert.Equal(76m, record.GetProperty("member").GetProperty("trainingHours").GetDecimal());
        Assert.Equal(2, record.GetProperty("certificates").GetArrayLength());
        Assert.DoesNotContain("刘桂兰", record.ToString(), StringComparison.Ordinal);

        var township = await county.ClientForAsync("township-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/provider/workforce/members")).StatusCode);
    }

    private static async Task<Guid> CourseAsync(HttpClient client, string title, DateOnly endsOn, int validMonths)
    {
        var response = await client.PostAsJsonAsync("/api/provider/workforce/courses", new
        {
            title, heldFrom = endsOn.AddDays(-4).ToString("yyyy-MM-dd"), heldUntil = endsOn.ToString("yyyy-MM-dd"), hours = 40m,
            certificateType = "elderly-care-worker", certificateValidMonths = validMonths,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> AttendAsync(HttpClient client, Guid course, Guid memberId, decimal hours)
    {
        var response = await client.PostAsJsonAsync($"/api/provider/workforce/courses/{course}/attendance", new { memberId, hours, passed = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> EligibilityAsync(HttpClient client, Guid provider, DateOnly? on = null)
    {
        var answers = await client.GetFromJsonAsync<JsonElement>(
            $"/api/provider/eligibility?itemCode=daily-care&townshipCode={Hengshan}" + (on is { } day ? $"&on={day:yyyy-MM-dd}" : ""));
        return answers.EnumerateArray().Single(a => a.GetProperty("providerId").GetGuid() == provider);
    }

    private static string Reasons(JsonElement answer) =>
        string.Join(" ", answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("explanation").GetString()));
}
