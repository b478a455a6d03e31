using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// The outside probe's burst: households registered and assessed at once by several clients, so each household's
/// assessment result races its registration to the township centre on another queue. Every one must arrive.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class AssessmentBurstTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const int Households = 40;
    private const int Clients = 8;
    private static readonly string[] Dependent = ["dependent"];

    [Fact]
    public async Task Forty_households_registered_and_assessed_by_eight_clients_all_reach_their_centre_with_degree_and_reassessment_date()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var staff = await county.ClientForAsync("township-hengshan");
        var answers = await Assessments.AnswersAsync(visitor, ("adl-bathing", Dependent), ("adl-walking", Dependent));

        var assessed = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Households), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, cancellationToken) =>
        {
            var household = await Assessments.RegisterAsync(caseworker, Hengshan, $"{201 + (i % 5)}",
                People.Member("钱秀兰", People.IdNumber(40 + (i % 40))));
            var started = await Assessments.StartAsync(visitor, household, answers);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{id}/submit", null, cancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{id}/approve", null, cancellationToken)).StatusCode);
            assessed.Add(household);
        });
        Assert.Equal(Households, assessed.Count);

        var missing = assessed.ToList();
        await MessagingHost.EventuallyAsync(async () =>
        {
            var still = new List<Guid>();
            foreach (var household in missing)
            {
                var response = await staff.GetAsync($"/api/townships/{Hengshan}/households/{household}");
                var picture = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("household") : default;
                if (picture.ValueKind != JsonValueKind.Object || picture.GetProperty("degree").ValueKind != JsonValueKind.String
                    || picture.GetProperty("reassessmentDueOn").ValueKind != JsonValueKind.String || !picture.GetProperty("isRegistered").GetBoolean())
                {
                    still.Add(household);
                }
            }

            missing = still;
            return missing.Count == 0;
        }, $"every household at the centre with its degree and reassessment date ({Households} registered and assessed)", TimeSpan.FromSeconds(90));
    }
}
