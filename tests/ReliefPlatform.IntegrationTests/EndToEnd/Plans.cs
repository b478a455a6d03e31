using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>Service plans as tests need them: a contracted care provider in 衡山镇, and a dependent household's drafted plan.</summary>
internal static class Plans
{
    public const string Hengshan = "341525100";

    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] MealAndBathing = ["meal", "bathing"];

    /// <summary>A care organisation in the network: approved, offering daily care in 衡山镇, with a valid certificate and a contract with money behind it.</summary>
    public static async Task<Guid> ContractedCareProviderAsync(CountyAppFixture county) => (await CareContractAsync(county)).Provider;

    /// <summary>
    /// As <see cref="ContractedCareProviderAsync"/>, with what finance and supervision work with afterwards: the purchase
    /// project (立项'd, its code and id) and the contract. The contract runs this year, or 90 days from today when that is later.
    /// </summary>
    public static async Task<CareContract> CareContractAsync(CountyAppFixture county, decimal unitPrice = 60.00m, decimal budget = 5000.00m, int quantityCap = 200)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var until = new[] { new DateOnly(year, 12, 31), today.AddDays(90) }.Max();
        var project = $"HS-{Guid.NewGuid():N}"[..12];
        var provider = await Providers.OnboardAsync(county, "elderly-care-organisation");
        await MessagingHost.EventuallyAsync(async () => (await caseworker.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Hengshan }, capacity = 20, per = "Week" } })).IsSuccessStatusCode, "Provider knows the catalogue");
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/qualifications",
            new { type = "elderly-care-worker", number = "YL2025000777", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), validUntil = today.AddYears(2).ToString("yyyy-MM-dd") })).StatusCode);
        await Budgets.AllocateAsync(county, project, Hengshan, budget);
        var projectId = await PurchaseProjects.InitiateAsync(county, project, Hengshan, "daily-care");
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"HSZC-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = provider.ToString(), townships = new[] { Hengshan },
            from = $"{year}-01-01", until = until.ToString("yyyy-MM-dd"), items = new[] { new { itemCode = "daily-care", unitPrice, quantityCap } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);
        return new CareContract(provider, project, projectId, (await awarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>A dependent household assessed and approved; returns it and the draft plan Delivery made from the catalogue.</summary>
    public static async Task<(Guid Household, Guid Plan)> DraftedPlanAsync(CountyAppFixture county, string village)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, village);
        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-eating", Dependent), ("adl-bathing", Dependent), ("adl-dressing", Dependent), ("adl-toileting", Dependent),
            ("adl-transfer", Dependent), ("adl-walking", Dependent), ("requested-services", MealAndBathing));
        var assessment = (await (await Assessments.StartAsync(visitor, household, answers)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await visitor.PostAsync($"/api/assessment/assessments/{assessment}/submit", null);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);
        return (household, (await DraftOfAsync(staff, household)).GetProperty("id").GetGuid());
    }

    /// <summary>The household's plan, once Delivery has drafted it from the approved assessment.</summary>
    public static async Task<JsonElement> DraftOfAsync(HttpClient client, Guid household)
    {
        JsonElement plan = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var plans = await client.GetFromJsonAsync<JsonElement>($"/api/delivery/households/{household}/plans");
            plan = plans.GetArrayLength() > 0 ? plans[0] : default;
            return plans.GetArrayLength() > 0;
        }, "Delivery drafted the household's plan");
        return plan;
    }

    /// <summary>
    /// Pairs <paramref name="provider"/> with the household (对口结对: matching ranks a paired organisation first among the
    /// eligible, so other tests' contracted care providers in 衡山镇 do not take the line), approves the plan as 衡山镇's
    /// staff and matches it as the caseworker until its daily-care line has that provider.
    /// </summary>
    public static async Task ApproveAndMatchDailyCareAsync(CountyAppFixture county, Guid household, Guid plan, Guid provider)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync("/api/provider/pairings", new
        {
            householdId = household, townshipCode = Hengshan, pairerKind = "Organisation", pairerId = provider, visitsPerMonth = 4,
            from = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await county.ClientForAsync("township-hengshan")).PostAsync($"/api/delivery/plans/{plan}/approve", null)).StatusCode);
        await MessagingHost.EventuallyAsync(async () =>
        {
            var matched = await caseworker.PostAsync($"/api/delivery/plans/{plan}/match", null);
            return (await matched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray()
                .Single(l => l.GetProperty("itemCode").GetString() == "daily-care").GetProperty("providerId").GetString() == provider.ToString();
            // The provider's capability, its certificate and its contract reach matching by three services' events.
        }, "the daily-care line was matched to the contracted provider", TimeSpan.FromMinutes(2));
    }
}

internal sealed record CareContract(Guid Provider, string Project, Guid ProjectId, Guid Contract);
