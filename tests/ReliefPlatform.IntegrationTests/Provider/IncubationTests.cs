using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Provider;

/// <summary>
/// 培育孵化 through the gateway on the real county: an incubated organisation graduates into the registry, is approved like any
/// provider, and is given work; the seed money it is granted is reserved in Funding through the grant's event.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class IncubationTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task An_incubated_organisation_graduates_into_an_approved_provider_and_receives_an_order()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var name = $"霍山县启明社工服务中心{Guid.NewGuid():N}"[..20];

        var refused = await caseworker.PostAsJsonAsync("/api/provider/incubations", new { subject = "Organisation", providerKind = "individual-volunteer", name, purpose = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("providerKind", out _));
        Assert.Equal("请填写服务方向（不超过 500 字）。", errors.GetProperty("purpose")[0].GetString());

        // Not registered yet: no credit code while incubating.
        var applied = await caseworker.PostAsJsonAsync("/api/provider/incubations", new
        {
            subject = "Organisation", providerKind = "social-work-organisation", name, homeTownship = Foziling, purpose = "留守老人探访与关爱",
            contact = new { name = "周晓梅", phone = "13955551234" },
        });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incubation").GetProperty("id").GetGuid();
        var url = $"/api/provider/incubations/{id}";

        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsJsonAsync($"{url}/graduate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"{url}/admit",
            new { from = today.AddMonths(-6).ToString("yyyy-MM-dd"), until = today.AddMonths(6).ToString("yyyy-MM-dd") })).StatusCode);
        var project = $"FH-{Guid.NewGuid():N}"[..16];
        await Budgets.AllocateAsync(county, project, Foziling, 50_000m);
        var seed = await caseworker.PostAsJsonAsync($"{url}/supports", new
        {
            kind = "seed-money", description = "启动资金", providedOn = today.AddMonths(-5).ToString("yyyy-MM-dd"), amount = 20000.00m, year = Budgets.Year, projectCode = project,
            townshipCode = Foziling,
        });
        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        Assert.StartsWith("incubation-", (await seed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supports")[0].GetProperty("fundingReference").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"{url}/supports",
            new { kind = "space", description = "孵化基地工位 2 个", providedOn = today.AddMonths(-5).ToString("yyyy-MM-dd") })).StatusCode);
        var planned = await (await caseworker.PostAsJsonAsync($"{url}/milestones", new { title = "完成民政登记注册", due = today.AddMonths(-1).ToString("yyyy-MM-dd") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var milestone = planned.GetProperty("milestones")[0].GetProperty("id").GetGuid();

        var early = await (await caseworker.PostAsJsonAsync($"{url}/assessment", new { score = 85 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(early.GetProperty("assessmentPassed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"{url}/milestones/{milestone}/achieve", new { on = today.AddMonths(-2).ToString("yyyy-MM-dd") })).StatusCode);
        Assert.True((await (await caseworker.PostAsJsonAsync($"{url}/assessment", new { score = 85, note = "运营规范，具备承接能力" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("assessmentPassed").GetBoolean());

        var withoutCode = await caseworker.PostAsJsonAsync($"{url}/graduate", new { });
        Assert.Equal(HttpStatusCode.BadRequest, withoutCode.StatusCode);
        var creditCode = Providers.NewCreditCode();
        var graduated = await caseworker.PostAsJsonAsync($"{url}/graduate", new { creditCode });
        Assert.Equal(HttpStatusCode.OK, graduated.StatusCode);
        var summary = (await graduated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incubation");
        Assert.Equal("已出壳", summary.GetProperty("statusName").GetString());
        Assert.Equal(20000.00m, summary.GetProperty("seedMoney").GetDecimal());
        var provider = summary.GetProperty("providerId").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsJsonAsync($"{url}/graduate", new { creditCode })).StatusCode);

        // Carried over, not retyped; then the registry's own two-person onboarding.
        var registered = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/providers/{provider}")).GetProperty("provider");
        Assert.Equal(name, registered.GetProperty("name").GetString());
        Assert.Equal(creditCode, registered.GetProperty("creditCode").GetString());
        Assert.Equal(Foziling, registered.GetProperty("homeTownship").GetString());
        Assert.Equal("周**", registered.GetProperty("contactName").GetString());
        Assert.Equal("已申请", registered.GetProperty("statusName").GetString());
        var revealed = await (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/contact/reveal", new { reason = "verification" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("13955551234", revealed.GetProperty("contactPhone").GetString());
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/review", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/provider/providers/{provider}/approve", new { })).StatusCode);

        var incubating = await caseworker.GetFromJsonAsync<JsonElement>("/api/provider/incubations?status=Graduated");
        Assert.Contains(incubating.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id && i.GetProperty("providerId").GetGuid() == provider);

        await MessagingHost.EventuallyAsync(async () => (await caseworker.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "home-visit", townships = new[] { Foziling }, capacity = 5, per = "Week" } })).IsSuccessStatusCode, "Provider knows the catalogue");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "205");
        var ordered = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "home-visit", providerId = provider.ToString(), year = today.Year, projectCode = "FZL-FREE", units = 1, unitPrice = 0m, standardMinutes = 30,
        });
        Assert.Equal(HttpStatusCode.Created, ordered.StatusCode);
        await MessagingHost.EventuallyAsync(async () =>
        {
            var answers = await caseworker.GetFromJsonAsync<JsonElement>($"/api/provider/eligibility?itemCode=home-visit&townshipCode={Foziling}");
            return answers.EnumerateArray().Single(a => a.GetProperty("providerId").GetGuid() == provider).GetProperty("openOrders").GetInt32() == 1;
        }, "the graduated provider has the order");
    }

    [Fact]
    public async Task Seed_money_granted_to_an_incubation_is_reserved_in_Funding_and_a_grant_before_its_budget_line_waits_for_it()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var applied = await caseworker.PostAsJsonAsync("/api/provider/incubations", new
        {
            subject = "ServiceProject", providerKind = "volunteer-team", name = $"佛子岭助老志愿服务项目{Guid.NewGuid():N}"[..18], homeTownship = Foziling,
            purpose = "独居老人助餐与陪伴", contact = new { name = "吴小兰", phone = "13955556789" },
        });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var url = $"/api/provider/incubations/{(await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incubation").GetProperty("id").GetGuid()}";
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"{url}/admit",
            new { from = today.AddMonths(-1).ToString("yyyy-MM-dd"), until = today.AddMonths(11).ToString("yyyy-MM-dd") })).StatusCode);

        // Seed money without the township whose budget pays it: refused beside the field, nothing granted.
        var unnamed = await caseworker.PostAsJsonAsync($"{url}/supports",
            new { kind = "seed-money", description = "启动资金", providedOn = today.ToString("yyyy-MM-dd"), amount = 8000m, year = Budgets.Year, projectCode = "FH-NONE" });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal("种子资金须写明从哪个乡镇的预算列支（本县的乡镇）。",
            (await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("townshipCode")[0].GetString());

        // A project with its line open in the township: the grant is reserved there, under the grant's own reference.
        var funded = $"FH-{Guid.NewGuid():N}"[..16];
        await Budgets.AllocateAsync(county, funded, Foziling, 30_000m);
        var granted = await GrantAsync(caseworker, url, today, 8000m, funded);
        await MessagingHost.EventuallyAsync(async () => await Budgets.CommittedAsync(finance, funded) == 8000m, "Funding reserved the seed money");
        var line = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines/{await LineAsync(finance, funded)}");
        Assert.Contains(line.GetProperty("entries").EnumerateArray(), e => e.GetProperty("reference").GetString() == granted);

        // A grant under a project whose line finance has not opened yet: not refused, kept until the line is there.
        var later = $"FH-{Guid.NewGuid():N}"[..16];
        await GrantAsync(caseworker, url, today, 5000m, later);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty((await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={later}")).EnumerateArray());
        await Budgets.AllocateAsync(county, later, Foziling, 10_000m);
        // Past the broker's quick retries it waits, and is given back to Funding by itself (every half minute): nobody replays it.
        await MessagingHost.EventuallyAsync(async () => await Budgets.CommittedAsync(finance, later) == 5000m,
            "the waiting grant reserved by itself once its line opened", TimeSpan.FromSeconds(90));
        Assert.Equal(8000m, await Budgets.CommittedAsync(finance, funded));
    }

    private static async Task<string> GrantAsync(HttpClient caseworker, string url, DateOnly today, decimal amount, string project)
    {
        var answer = await caseworker.PostAsJsonAsync($"{url}/supports", new
        {
            kind = "seed-money", description = "启动资金", providedOn = today.ToString("yyyy-MM-dd"), amount, year = Budgets.Year, projectCode = project, townshipCode = Foziling,
        });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var support = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supports").EnumerateArray().Last(s => s.GetProperty("projectCode").GetString() == project);
        Assert.Equal(Foziling, support.GetProperty("townshipCode").GetString());
        return support.GetProperty("fundingReference").GetString()!;
    }

    private static async Task<Guid> LineAsync(HttpClient finance, string project) =>
        (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("id").GetGuid();
}
