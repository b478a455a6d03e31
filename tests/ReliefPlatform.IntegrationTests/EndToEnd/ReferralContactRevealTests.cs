using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Identity;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>A department officer working an accepted referral sees whom to contact — only then, only their own department's, and on both audit chains.</summary>
[Collection(CountyCollection.Name)]
public sealed class ReferralContactRevealTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task The_officer_of_the_referrals_department_sees_the_contact_once_accepted_and_the_reveal_is_audited_in_delivery_and_assessment()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var supervisor = await county.ClientForAsync("supervisor");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "204");
        var sent = await caseworker.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department = "education", need = "子女辍学，需助学帮扶" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var referral = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var reveal = $"/api/delivery/referrals/{referral}/contact/reveal";

        var educationName = Accounts.NewUserName("edu");
        var (educationId, educationPassword) = await Accounts.CreateActiveAsync(county, admin, educationName, new { userName = educationName, role = "department-officer", departmentCode = "education" });
        var education = await Accounts.ClientAsync(county, educationName, educationPassword);
        var healthName = Accounts.NewUserName("hlth");
        var (_, healthPassword) = await Accounts.CreateActiveAsync(county, admin, healthName, new { userName = healthName, role = "department-officer", departmentCode = "health" });
        var health = await Accounts.ClientAsync(county, healthName, healthPassword);

        var why = new { reason = "home-visit" };
        Assert.Equal(HttpStatusCode.Conflict, (await education.PostAsJsonAsync(reveal, why)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await education.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);

        // No reason, no contact: the officer is asked why, and nothing is read.
        var noReason = await education.PostAsJsonAsync(reveal, new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("查看原因", await Accounts.ErrorsAsync(noReason), StringComparison.Ordinal);

        var revealed = await education.PostAsJsonAsync(reveal, why);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var contact = await revealed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((household, "赵大山"), (contact.GetProperty("householdId").GetGuid(), contact.GetProperty("headName").GetString()));
        Assert.DoesNotContain("idNumber", contact.ToString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NotFound, (await health.PostAsJsonAsync(reveal, why)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync(reveal, why)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsJsonAsync($"/api/assessment/households/{household}/referral-contact",
            new { referralId = referral, department = "education", officer = educationId })).StatusCode);

        var delivery = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/audit?subject=referral:{referral}")).GetProperty("items").EnumerateArray().ToList();
        var unmasked = Assert.Single(delivery, e => e.GetProperty("action").GetString() == "personal-data.unmask");
        Assert.Equal(educationId, unmasked.GetProperty("actor").GetString());
        Assert.Contains("reason=home-visit", unmasked.GetProperty("details").GetString(), StringComparison.Ordinal);
        var assessment = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{household}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(assessment, e => e.GetProperty("action").GetString() == "personal-data.unmask"
            && e.GetProperty("details").GetString() == $"reason=referral;referral={referral};department=education;officer={educationId}");
    }
}
