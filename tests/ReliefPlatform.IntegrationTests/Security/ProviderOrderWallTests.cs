using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// Provider staff against another provider's work order, on every documented Delivery operation that takes an
/// id: each answer is a refusal and carries nothing of that order; the order is unchanged afterwards.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProviderOrderWallTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Provider_staff_get_nothing_of_another_providers_order_on_any_operation()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "201");
        var created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "home-visit", providerId = "another-provider", year = 2026, projectCode = "HS-FREE", units = 2, unitPrice = 0m, standardMinutes = 30,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var provider = await county.ClientForAsync("provider-demo");
        var openApi = await county.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{ResourceNames.Delivery}.json");
        var calls = 0;
        foreach (var path in openApi.GetProperty("paths").EnumerateObject().Where(p => p.Name.Contains("{id}", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name.Replace("{id}", order.ToString(), StringComparison.Ordinal));
                if (operation.Value.TryGetProperty("requestBody", out _))
                {
                    request.Content = new StringContent("""{"on":"2030-01-01","units":2,"record":"x","satisfaction":5,"reason":"plan-changed"}""", Encoding.UTF8, "application/json");
                }

                var response = await provider.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                output.WriteLine($"{request.Method} {request.RequestUri} → {(int)response.StatusCode}");
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
                Assert.DoesNotContain(order.ToString(), body, StringComparison.OrdinalIgnoreCase);
                calls++;
            }
        }

        Assert.True(calls >= 7, $"only {calls} work-order operations were documented");
        var unchanged = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}");
        Assert.Equal("Assigned", unchanged.GetProperty("status").GetString());
        Assert.Equal(2, unchanged.GetProperty("steps").GetArrayLength());
    }
}
