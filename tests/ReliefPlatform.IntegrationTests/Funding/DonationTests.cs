using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// Donations on the real Funding service: numbered receipts without gaps, a donor's restriction honoured, a person's
/// name masked everywhere but on the receipt, and the money on the 社会捐赠 line only once a second person approves.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class DonationTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";
    private const string Hengshan = "341525100";

    [Fact]
    public async Task A_donation_gets_the_next_receipt_and_reaches_its_restricted_line_after_a_second_approval()
    {
        var finance = await county.ClientForAsync("finance");
        var admin = await county.ClientForAsync("county-admin");
        var project = $"JZ-{Guid.NewGuid():N}"[..12];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        object Gift(string donorKind, string donorName, decimal amount, string township) => new
        {
            donorKind, donorName, amount, receivedOn = today, restrictedItem = "daily-care", restrictedTownship = Foziling, projectCode = project,
            townshipCode = township, purpose = "资助佛子岭镇失能老人居家照护",
        };

        var wrongTownship = await finance.PostAsJsonAsync("/api/funding/donations", Gift("Person", "王德明", 5000m, Hengshan));
        Assert.Equal(HttpStatusCode.BadRequest, wrongTownship.StatusCode);
        Assert.Equal("捐赠人限定了乡镇，资金只能安排到该乡镇。",
            (await wrongTownship.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("townshipCode")[0].GetString());

        var first = await (await finance.PostAsJsonAsync("/api/funding/donations", Gift("Person", "王德明", 5000m, Foziling))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await finance.PostAsJsonAsync("/api/funding/donations", Gift("Organisation", "霍山县爱心企业协会", 12_345.60m, Foziling))).Content.ReadFromJsonAsync<JsonElement>();
        var firstNumber = int.Parse(first.GetProperty("receiptNumber").GetString()![^6..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"HSJZ-{today.Year}-{firstNumber + 1:D6}", second.GetProperty("receiptNumber").GetString());
        Assert.Equal("王**", first.GetProperty("donor").GetString());
        Assert.Equal("霍山县爱心企业协会", second.GetProperty("donor").GetString());
        Assert.Equal("壹万贰仟叁佰肆拾伍元陆角", second.GetProperty("amountInWords").GetString());
        Assert.DoesNotContain("王德明", await finance.GetStringAsync($"/api/funding/donations?year={today.Year}"), StringComparison.Ordinal);

        // Nothing is on the line until a second person approves each allocation.
        Assert.Empty((await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}")).EnumerateArray());
        foreach (var gift in new[] { first, second })
        {
            var allocation = gift.GetProperty("allocationRequestId").GetGuid();
            Assert.NotEqual(HttpStatusCode.OK, (await finance.PostAsync($"/api/funding/allocations/{allocation}/approve", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/allocations/{allocation}/approve", null)).StatusCode);
        }

        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}")).EnumerateArray().Single();
        Assert.Equal("donation", line.GetProperty("sourceType").GetString());
        Assert.Equal(Foziling, line.GetProperty("townshipCode").GetString());
        Assert.Equal("daily-care", line.GetProperty("itemCode").GetString());
        Assert.Equal(17_345.60m, line.GetProperty("allocated").GetDecimal());

        var receipt = await finance.GetStringAsync($"/api/funding/donations/{first.GetProperty("id").GetGuid()}/receipt");
        Assert.Contains("王德明", receipt, StringComparison.Ordinal);
        Assert.Contains("人民币伍仟元整", receipt, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("receiptNumber").GetString()!, receipt, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await county.ClientForAsync("supervisor")).GetAsync($"/api/funding/donations/{first.GetProperty("id").GetGuid()}/receipt")).StatusCode);
    }
}
