using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Provider;

/// <summary>
/// The service network through the gateway on the real county: onboarding by two people with events on the
/// broker, capabilities checked against the catalogue Provider learned from Catalogue's events, eligibility that
/// follows certificates, and the time bank under concurrent credits.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProviderNetworkTests(CountyAppFixture county) : EventListeningTests(county, typeof(ProviderApproved), typeof(ProviderSuspended), typeof(ProviderCapabilitiesChanged))
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    private static readonly string[] Shopping = ["shopping"];
    private static readonly string[] Visitor = ["V-017"];
    private static readonly int[] Weekend = [6, 7];

    [Fact]
    public async Task An_organisation_joins_after_review_and_a_second_persons_approval_and_the_network_hears_of_it()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var id = await Providers.ApplyAsync(caseworker, "elderly-care-organisation");

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/provider/providers/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/review", new { reason = "材料齐全" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/approve", new { })).StatusCode);
        var approved = await admin.PostAsJsonAsync($"/api/provider/providers/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("已入库", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusName").GetString());
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ProviderApproved>().Any(e => e.ProviderId == id)), "ProviderApproved reached the broker");

        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/suspend", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/suspend", new { reason = "服务投诉核查" })).StatusCode);
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ProviderSuspended>().Any(e => e.ProviderId == id)), "ProviderSuspended reached the broker");
        Assert.False(Events.Received<ProviderSuspended>().Single(e => e.ProviderId == id).Terminated);

        var provider = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{id}");
        Assert.Equal(["Reviewed", "Approved", "Suspended"], provider.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        Assert.Equal("王*", provider.GetProperty("provider").GetProperty("contactName").GetString());
        Assert.Equal("138****5678", provider.GetProperty("provider").GetProperty("contactPhone").GetString());
        Assert.DoesNotContain("王芳", provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_credit_code_or_a_second_registration_of_the_same_organisation_writes_nothing()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var code = Providers.NewCreditCode();
        var first = await caseworker.PostAsJsonAsync("/api/provider/providers", Providers.Application("charity", code));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await caseworker.PostAsJsonAsync("/api/provider/providers", Providers.Application("charity", code));
        var broken = await caseworker.PostAsJsonAsync("/api/provider/providers", Providers.Application("charity", code[..17] + (code[17] == '0' ? '1' : '0')));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("该统一社会信用代码已登记，请勿重复登记。", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("creditCode")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("统一社会信用代码校验位不正确，请核对。", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("creditCode")[0].GetString());
        var registered = await caseworker.GetFromJsonAsync<JsonElement>("/api/provider/providers?kind=charity");
        Assert.Single(registered.EnumerateArray(), p => p.GetProperty("creditCode").GetString()?[..17] == code[..17]);
    }

    [Fact]
    public async Task Capabilities_follow_the_published_catalogue_and_eligibility_follows_certificates()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var id = await Providers.OnboardAsync(County, "elderly-care-organisation");

        var unknown = await caseworker.PutAsJsonAsync($"/api/provider/providers/{id}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Hengshan }, capacity = 10, per = "Week" }, new { itemCode = "pet-care", townships = new[] { Hengshan }, capacity = -2, per = "Week" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("服务事项“pet-care”不在已发布的服务清单中。", errors.GetProperty("[1].itemCode")[0].GetString());
        Assert.Equal(0, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{id}")).GetProperty("capabilities").GetArrayLength());

        // Provider learns the catalogue from Catalogue's events (asking for them while it knows none).
        HttpResponseMessage? set = null;
        await MessagingHost.EventuallyAsync(async () =>
        {
            set = await caseworker.PutAsJsonAsync($"/api/provider/providers/{id}/capabilities",
                new[] { new { itemCode = "daily-care", townships = new[] { Hengshan, Foziling }, capacity = 12, per = "Month" } });
            return set.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, "Provider received the published catalogue");
        Assert.Equal(HttpStatusCode.OK, set!.StatusCode);
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ProviderCapabilitiesChanged>().Any(e => e.ProviderId == id)), "ProviderCapabilitiesChanged reached the broker");
        Assert.Equal(2.77m, Assert.Single(Events.Received<ProviderCapabilitiesChanged>().Last(e => e.ProviderId == id).Capabilities).WeeklyCapacity);

        var without = await Eligibility(caseworker, id);
        Assert.False(without.GetProperty("eligible").GetBoolean());
        Assert.Contains("尚未登记", Reasons(without), StringComparison.Ordinal);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var certificate = await caseworker.PostAsJsonAsync($"/api/provider/providers/{id}/qualifications",
            new { type = "elderly-care-worker", number = "YL2024003421", validFrom = today.AddYears(-2).ToString("yyyy-MM-dd"), validUntil = today.AddDays(10).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, certificate.StatusCode);
        var qualification = await certificate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("YL********21", qualification.GetProperty("number").GetString());
        Assert.Equal("即将到期", qualification.GetProperty("state").GetString());

        Assert.True((await Eligibility(caseworker, id)).GetProperty("eligible").GetBoolean());
        Assert.False((await Eligibility(caseworker, id, on: today.AddDays(11))).GetProperty("eligible").GetBoolean());

        // Paired with a household (对口结对), the organisation says so when asked about that household, and ranks first among the eligible.
        var household = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync("/api/provider/pairings", new
        {
            householdId = household, townshipCode = Hengshan, pairerKind = "Organisation", pairerId = id, visitsPerMonth = 1, from = today.ToString("yyyy-MM-dd"),
        })).StatusCode);
        var forHousehold = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/eligibility?itemCode=daily-care&townshipCode={Hengshan}&householdId={household}");
        Assert.Equal(id, forHousehold[0].GetProperty("providerId").GetGuid());
        Assert.True(forHousehold[0].GetProperty("pairedWithHousehold").GetBoolean());
        Assert.False((await Eligibility(caseworker, id)).GetProperty("pairedWithHousehold").GetBoolean());
        var expiring = await caseworker.GetFromJsonAsync<JsonElement>("/api/provider/qualifications/expiring");
        Assert.Contains(expiring.EnumerateArray(), e => e.GetProperty("providerId").GetGuid() == id);
    }

    [Fact]
    public async Task Concurrent_credits_are_all_kept_a_service_is_credited_once_and_the_balance_never_goes_negative()
    {
        var staff = await County.ClientForAsync("township-hengshan");
        var registered = await staff.PostAsJsonAsync("/api/provider/volunteers",
            new { townshipCode = Hengshan, name = "李志强", phone = "13912345678", skills = Shopping, availableDays = Weekend });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var volunteer = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var credits = await Task.WhenAll(Enumerable.Range(1, 24).Select(i =>
            staff.PostAsJsonAsync($"/api/provider/volunteers/{volunteer}/time-bank/credits", new { hours = 1.5m, reference = $"WO-{volunteer:N}-{i}" })));
        Assert.All(credits, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var twice = await staff.PostAsJsonAsync($"/api/provider/volunteers/{volunteer}/time-bank/credits", new { hours = 1.5m, reference = $"WO-{volunteer:N}-7" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var redemptions = await Task.WhenAll(Enumerable.Range(1, 6).Select(_ =>
            staff.PostAsJsonAsync($"/api/provider/volunteers/{volunteer}/time-bank/redemptions", new { hours = 10m, reference = "兑换助洁服务" })));
        Assert.Equal(3, redemptions.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, redemptions.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        var account = await staff.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{volunteer}");
        Assert.Equal(6.0m, account.GetProperty("balance").GetDecimal());
        Assert.Equal("李**", account.GetProperty("name").GetString());
        var ledger = (await staff.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{volunteer}/time-bank")).EnumerateArray().ToList();
        Assert.Equal(27, ledger.Count);
        Assert.Equal(6.0m, ledger.Sum(e => e.GetProperty("hours").GetDecimal()));
        Assert.Equal(6.0m, ledger[0].GetProperty("balanceAfter").GetDecimal());

        var outsider = await County.ClientForAsync("township-foziling");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/provider/volunteers/{volunteer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.PostAsJsonAsync($"/api/provider/volunteers/{volunteer}/time-bank/redemptions", new { hours = 1m, reference = "x" })).StatusCode);
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/provider/volunteers?pageSize=200")).GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == volunteer);
    }

    [Fact]
    public async Task A_household_has_one_cadre_at_a_time_and_the_pairing_stays_in_its_township()
    {
        var staff = await County.ClientForAsync("township-hengshan");
        var visitor = await County.ClientForAsync("visitor-hengshan");
        var household = Guid.NewGuid();
        var first = await staff.PostAsJsonAsync("/api/provider/pairings",
            new { householdId = household, townshipCode = Hengshan, pairerKind = "Cadre", pairerName = "张建国", visitsPerMonth = 2, from = "2026-01-01" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var pairing = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("张**", pairing.GetProperty("pairerName").GetString());

        var overlapping = await staff.PostAsJsonAsync("/api/provider/pairings",
            new { householdId = household, townshipCode = Hengshan, pairerKind = "Cadre", pairerName = "李卫东", visitsPerMonth = 1, from = "2026-06-01", until = "2026-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.StartsWith("该家庭在此期间已有同类结对（2026-01-01 起，未结束）",
            (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        var partyMember = await staff.PostAsJsonAsync("/api/provider/pairings",
            new { householdId = household, townshipCode = Hengshan, pairerKind = "PartyMember", pairerName = "王红梅", visitsPerMonth = 1, from = "2026-06-01" });
        Assert.Equal(HttpStatusCode.Created, partyMember.StatusCode);

        var id = pairing.GetProperty("id").GetGuid();
        const string summary = "了解近况，老人腿疾加重，协助申请临时救助";
        var visit = await visitor.PostAsJsonAsync($"/api/provider/pairings/{id}/visits", new { visitedOn = "2026-03-15", summary });
        Assert.Equal(HttpStatusCode.OK, visit.StatusCode);
        var pairings = await staff.GetFromJsonAsync<JsonElement>($"/api/provider/pairings?householdId={household}");
        Assert.Equal(2, pairings.GetArrayLength());
        var visits = pairings.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("visits");
        Assert.Equal(summary, Assert.Single(visits.EnumerateArray()).GetProperty("summary").GetString());

        // The summary (it may touch on health) is sealed at rest; the pairing and its visit are on Provider's audit chain by ids only.
        await using (var database = new Npgsql.NpgsqlConnection(await County.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Provider))))
        {
            await database.OpenAsync();
            await using var read = new Npgsql.NpgsqlCommand("SELECT \"Summary\" FROM pairing_visits WHERE \"PairingId\" = @id", database);
            read.Parameters.AddWithValue("id", id);
            var stored = (string)(await read.ExecuteScalarAsync())!;
            Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("腿疾", stored, StringComparison.Ordinal);
        }

        var chain = (await (await County.ClientForAsync("supervisor")).GetFromJsonAsync<JsonElement>($"/api/provider/audit?subject=pairing:{id}"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["pairing.create", "pairing.visit"], chain.Select(e => e.GetProperty("action").GetString()).Reverse());
        Assert.All(chain, e => Assert.DoesNotContain("张", e.GetRawText(), StringComparison.Ordinal));
        Assert.All(chain, e => Assert.DoesNotContain("腿疾", e.GetRawText(), StringComparison.Ordinal));

        var outsider = await County.ClientForAsync("township-foziling");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/provider/pairings/{id}")).StatusCode);
        Assert.Equal(0, (await outsider.GetFromJsonAsync<JsonElement>($"/api/provider/pairings?householdId={household}")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.PostAsJsonAsync($"/api/provider/pairings/{id}/visits", new { visitedOn = "2026-03-16", summary = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync("/api/provider/pairings",
            new { householdId = household, townshipCode = Hengshan, pairerKind = "Cadre", pairerName = "赵六", visitsPerMonth = 1, from = "2027-01-01" })).StatusCode);
    }

    [Fact]
    public async Task Delivered_and_confirmed_services_load_rate_the_provider_and_credit_a_volunteers_time()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var township = await County.ClientForAsync("township-foziling");
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "202");
        var id = await Providers.OnboardAsync(County, "social-work-organisation");
        await MessagingHost.EventuallyAsync(async () => (await caseworker.PutAsJsonAsync($"/api/provider/providers/{id}/capabilities",
                new[] { new { itemCode = "home-visit", townships = new[] { Foziling }, capacity = 1, per = "Week" } })).IsSuccessStatusCode,
            "Provider received the published catalogue");
        var volunteer = (await (await township.PostAsJsonAsync("/api/provider/volunteers",
            new { townshipCode = Foziling, name = "陈晓燕", phone = "13712345678", skills = Shopping, availableDays = Weekend })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await MessagingHost.EventuallyAsync(async () => (await caseworker.GetAsync($"/api/delivery/recipients/{household}")).IsSuccessStatusCode,
            "Delivery knows the household");

        var byOrganisation = await OrderAsync(caseworker, household, id.ToString());
        await MessagingHost.EventuallyAsync(async () => (await Eligibility(caseworker, id, "home-visit", Foziling)).GetProperty("openOrders").GetInt32() == 1,
            "Provider counted the open order");
        var full = await Eligibility(caseworker, id, "home-visit", Foziling);
        Assert.False(full.GetProperty("eligible").GetBoolean());
        Assert.Contains("暂无余力", Reasons(full), StringComparison.Ordinal);

        var byVolunteer = await OrderAsync(caseworker, household, volunteer.ToString());
        await DeliverAsync(caseworker, township, byOrganisation, satisfaction: 4);
        await DeliverAsync(caseworker, township, byVolunteer, satisfaction: 5);

        await MessagingHost.EventuallyAsync(async () => (await Eligibility(caseworker, id, "home-visit", Foziling)).GetProperty("openOrders").GetInt32() == 0, "the order left the load");
        var ratings = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{id}/ratings");
        var rating = Assert.Single(ratings.EnumerateArray());
        Assert.Equal(1, rating.GetProperty("count").GetInt32());
        Assert.Equal(4m, rating.GetProperty("mean").GetDecimal());
        await MessagingHost.EventuallyAsync(async () => (await township.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{volunteer}")).GetProperty("balance").GetDecimal() > 0,
            "the volunteer earned the service's time");
        var ledger = await township.GetFromJsonAsync<JsonElement>($"/api/provider/volunteers/{volunteer}/time-bank");
        Assert.Equal(byVolunteer.ToString(), Assert.Single(ledger.EnumerateArray()).GetProperty("reference").GetString());
    }

    private static async Task<Guid> OrderAsync(HttpClient client, Guid household, string provider)
    {
        var response = await client.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "home-visit", providerId = provider, year = 2026, projectCode = "FZL-FREE", units = 1, unitPrice = 0m, standardMinutes = 30,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task DeliverAsync(HttpClient caseworker, HttpClient township, Guid order, int satisfaction)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/schedule", new { on = today })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/delivery/work-orders/{order}/check-in", null)).StatusCode);
        var delivered = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/check-out", new { units = 1, record = "探访，了解近况", staff = Visitor });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.True((await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flaggedShort").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction })).StatusCode);
    }

    private static async Task<JsonElement> Eligibility(HttpClient client, Guid provider, string itemCode = "daily-care", string township = Hengshan, DateOnly? on = null)
    {
        var url = $"/api/provider/eligibility?itemCode={itemCode}&townshipCode={township}" + (on is { } day ? $"&on={day:yyyy-MM-dd}" : "");
        var answers = await client.GetFromJsonAsync<JsonElement>(url);
        return answers.EnumerateArray().Single(a => a.GetProperty("providerId").GetGuid() == provider);
    }

    private static string Reasons(JsonElement answer) =>
        string.Join(" ", answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("explanation").GetString()));
}
