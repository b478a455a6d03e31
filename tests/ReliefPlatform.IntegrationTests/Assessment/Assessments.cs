using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>Helpers to drive the registry and assessment APIs as staff do.</summary>
internal static class Assessments
{
    /// <summary>Answers of the current instrument: every single-choice indicator at its first option, with overrides.</summary>
    public static async Task<Dictionary<string, string[]>> AnswersAsync(HttpClient client, params (string Indicator, string[] Options)[] overrides)
    {
        var instrument = await client.GetFromJsonAsync<JsonElement>("/api/assessment/instruments/current");
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var dimension in instrument.GetProperty("dimensions").EnumerateArray())
        {
            foreach (var indicator in dimension.GetProperty("indicators").EnumerateArray())
            {
                if (!indicator.GetProperty("multiple").GetBoolean())
                {
                    answers[indicator.GetProperty("code").GetString()!] = [indicator.GetProperty("options")[0].GetProperty("code").GetString()!];
                }
            }
        }

        foreach (var (indicator, options) in overrides)
        {
            answers[indicator] = options;
        }

        return answers;
    }

    public static async Task<Guid> RegisterAsync(HttpClient client, string township, string village, params object[] members)
    {
        var response = await client.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = township,
            villageCode = $"{township}{village}",
            category = "特困供养",
            members = members.Length > 0 ? members : [People.Member("赵大山", People.IdNumber(78))],
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Registers a household and waits until Delivery has learned it from HouseholdRegistered.</summary>
    public static async Task<Guid> RegisterKnownToDeliveryAsync(HttpClient client, string township, string village)
    {
        var household = await RegisterAsync(client, township, village);
        await Messaging.MessagingHost.EventuallyAsync(async () => (await client.GetAsync($"/api/delivery/recipients/{household}")).IsSuccessStatusCode,
            "Delivery knows the household");
        return household;
    }

    public static async Task<HttpResponseMessage> StartAsync(HttpClient client, Guid household, Dictionary<string, string[]> answers, string? statedRequests = null) =>
        await client.PostAsJsonAsync($"/api/assessment/households/{household}/assessments", new
        {
            place = "home",
            visitedAt = DateTimeOffset.UtcNow.AddHours(-2),
            answers,
            statedRequests,
        });
}
