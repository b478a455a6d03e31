using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// Broken-object-level-authorization matrix generated from every service's OpenAPI document: each
/// operation is called by someone who must not see 衡山镇's data, aimed at a 衡山镇 household. Every answer
/// must be a refusal (401/403/404) or carry nothing of that household or township. New endpoints join
/// the matrix by being documented.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class BolaMatrixTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Hengshan = "341525100";

    [Theory]
    [InlineData("township-foziling")]
    [InlineData("visitor-foziling")]
    [InlineData("provider-demo")]
    public async Task No_documented_operation_gives_an_outsider_anything_of_another_townships_household(string outsider)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        // The target has a member whose ID number every request body carries (the look-up by ID number is attacked too).
        var idNumber = Assessment.People.IdNumber(66);
        var target = await Assessment.Assessments.RegisterAsync(caseworker, Hengshan, "204", Assessment.People.Member("吴秀英", idNumber));
        await MessagingHost.EventuallyAsync(
            async () => (await caseworker.GetAsync($"/api/townships/{Hengshan}/households/{target}")).IsSuccessStatusCode, "the household reached 衡山镇");

        var attacker = await county.ClientForAsync(outsider);
        var calls = 0;
        foreach (var (document, prefix) in Documents())
        {
            var openApi = await county.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{document}.json");
            foreach (var path in openApi.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var url = prefix + Fill(path.Name, target) + Query(operation.Value);
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                    if (operation.Value.TryGetProperty("requestBody", out _))
                    {
                        request.Content = new StringContent(Body(idNumber), Encoding.UTF8, "application/json");
                    }

                    var response = await attacker.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    output.WriteLine($"{outsider} {request.Method} {url} → {(int)response.StatusCode}");
                    calls++;
                    if (response.IsSuccessStatusCode)
                    {
                        Assert.DoesNotContain(target.ToString(), body, StringComparison.OrdinalIgnoreCase);
                        Assert.DoesNotContain(Hengshan, body, StringComparison.Ordinal);
                    }
                    else
                    {
                        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
                    }
                }
            }
        }

        Assert.True(calls >= 8, $"only {calls} operations were documented");
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/assessment/households/{target}")).StatusCode);
    }

    /// <summary>Each document with the gateway prefix its paths are reached under; 衡山镇's centre is the one attacked.</summary>
    private static IEnumerable<(string Document, string Prefix)> Documents()
    {
        foreach (var service in ResourceNames.HubServices.Append(ResourceNames.Identity))
        {
            yield return (service, "");
        }

        yield return (ResourceNames.TownshipService("hengshan"), $"/api/townships/{Hengshan}");
    }

    /// <summary>Township documents describe /api/township/…, which the gateway serves as /api/townships/{code}/….</summary>
    private static string Fill(string template, Guid target)
    {
        var path = template.StartsWith("/api/township", StringComparison.Ordinal) && !template.StartsWith("/api/townships", StringComparison.Ordinal)
            ? template["/api/township".Length..]
            : template;
        var filled = new StringBuilder();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '{')
            {
                var end = path.IndexOf('}', i);
                filled.Append(target);
                i = end + 1;
            }
            else
            {
                filled.Append(path[i++]);
            }
        }

        return filled.Length == 0 ? "/" : filled.ToString();
    }

    private static string Query(JsonElement operation)
    {
        if (!operation.TryGetProperty("parameters", out var parameters))
        {
            return "";
        }

        var query = parameters.EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString()!)
            .Select(name => name.Contains("township", StringComparison.OrdinalIgnoreCase) ? $"{name}={Hengshan}" : null)
            .OfType<string>()
            .ToList();
        return query.Count == 0 ? "" : "?" + string.Join('&', query);
    }

    /// <summary>A body aimed at 衡山镇: whatever the operation, it names the other township.</summary>
    private static string Body(string idNumber) => new JsonObject
    {
        ["idNumber"] = idNumber,
        ["townshipCode"] = Hengshan,
        ["villageCode"] = $"{Hengshan}201",
        ["category"] = "低保",
        ["memberCount"] = 1,
    }.ToJsonString();
}
