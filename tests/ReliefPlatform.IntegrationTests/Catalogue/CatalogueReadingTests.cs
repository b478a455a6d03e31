using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace ReliefPlatform.IntegrationTests.Catalogue;

/// <summary>Reading the catalogue as staff and Delivery do: matching a household with reasons, the xlsx export and the printed page.</summary>
[Collection(CountyCollection.Name)]
public sealed class CatalogueReadingTests(CountyAppFixture county)
{
    [Fact]
    public async Task Matching_a_household_returns_its_items_with_the_standard_that_applies_and_the_reasons()
    {
        var staff = await county.ClientForAsync("township-hengshan");
        var profile = new
        {
            townshipCode = "341525100",
            category = "DestituteSupport",
            degree = "Severe",
            difficultyTypes = new[] { "disability-care" },
            needCodes = new[] { "care", "meal-assistance", "cleaning" },
            members = new[] { new { age = 81, livingAlone = true } },
            policies = new[] { "long-term-care-insurance", "destitute-care-fee" },
        };

        var response = await staff.PostAsJsonAsync("/api/catalogue/match?on=2026-06-01", profile);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("version").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        Assert.Equal(26, items.Count);
        Assert.Equal(items.Values.Count(i => i.GetProperty("eligible").GetBoolean()), result.GetProperty("eligibleCount").GetInt32());

        var meal = items["meal-assistance"];
        Assert.True(meal.GetProperty("eligible").GetBoolean());
        Assert.Equal(7, meal.GetProperty("standard").GetProperty("frequency").GetProperty("times").GetInt32());
        var bathing = items["bathing-assistance"];
        Assert.False(bathing.GetProperty("eligible").GetBoolean());
        Assert.Contains("本项限服务需求为助浴", Reasons(bathing), StringComparison.Ordinal);
        var cleaning = items["cleaning"];
        Assert.False(cleaning.GetProperty("eligible").GetBoolean());
        Assert.Contains("已享受特困供养照料护理费", Reasons(cleaning), StringComparison.Ordinal);
        var respite = items["respite-care"];
        Assert.True(respite.GetProperty("eligible").GetBoolean());
        Assert.Contains("喘息服务面向家庭照护者", Reasons(respite), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_with_unknown_codes_is_refused_field_by_field_in_Chinese()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var profile = new { townshipCode = "999999999", category = "低保户", needCodes = new[] { "care", "massage" }, members = new[] { new { age = 130 } } };

        var response = await caseworker.PostAsJsonAsync("/api/catalogue/match", profile);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("家庭类别“低保户”不存在。", errors.GetProperty("category")[0].GetString());
        Assert.Equal("服务需求“massage”不存在。", errors.GetProperty("needCodes[1]")[0].GetString());
        Assert.True(errors.TryGetProperty("townshipCode", out _));
        Assert.True(errors.TryGetProperty("members[0].age", out _));
    }

    [Fact]
    public async Task Provider_staff_do_not_match_households_and_township_staff_match_only_their_own()
    {
        var provider = await county.ClientForAsync("provider-demo");
        var foziling = await county.ClientForAsync("township-foziling");
        var hengshanHousehold = new { townshipCode = "341525100", category = "DestituteSupport", needCodes = new[] { "meal-assistance" } };
        var ownHousehold = new { category = "DestituteSupport", needCodes = new[] { "meal-assistance" } };

        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync("/api/catalogue/match", ownHousehold)).StatusCode);
        var across = await foziling.PostAsJsonAsync("/api/catalogue/match", hengshanHousehold);
        Assert.Equal(HttpStatusCode.Forbidden, across.StatusCode);
        Assert.Contains("只能为本乡镇的家庭匹配服务", await across.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var own = await foziling.PostAsJsonAsync("/api/catalogue/match?on=2026-06-01", ownHousehold);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var meal = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "meal-assistance");
        Assert.True(meal.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task The_seeded_catalogue_exports_to_a_workbook_with_one_row_per_item()
    {
        var finance = await county.ClientForAsync("finance");

        var response = await finance.GetAsync("/api/catalogue/versions/1/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        // The table starts under the title and the 制表单位 line.
        var rows = stream.Query(useHeaderRow: true, startCell: "A3").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(26, rows.Count);
        Assert.Equal(Enumerable.Range(1, 26), rows.Select(r => Convert.ToInt32(r["序号"], System.Globalization.CultureInfo.InvariantCulture)));
        var meal = rows.Single(r => (string)r["编码"] == "meal-assistance");
        Assert.Equal("助餐", meal["服务项目"]);
        Assert.Equal("生活服务类", meal["类别"]);
        Assert.Equal("8.00元/餐", meal["计价"]);
        Assert.Equal("每周7次，每次不少于10分钟；须包含：提供合格餐食、送餐上门或到站就餐登记；质量要求：服务对象或家属签字确认；服务记录当日录入；餐食符合食品安全标准，从业人员持健康证", meal["服务标准"]);
        Assert.Equal("全县", meal["实施范围"]);
    }

    [Fact]
    public async Task The_printable_page_shows_the_title_period_and_every_item()
    {
        var staff = await county.ClientForAsync("township-foziling");

        var response = await staff.GetAsync("/api/catalogue/versions/1/print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("服务类社会救助清单（第1版）", html, StringComparison.Ordinal);
        // Version 1 applies from New Year 2026 until a later version takes over (other tests may have published one).
        Assert.Matches("(自2026年1月1日起施行|2026年1月1日至\\d{4}年\\d{1,2}月\\d{1,2}日施行)", html);
        Assert.Contains("@page", html, StringComparison.Ordinal);
        Assert.Equal(26, html.Split("<tr", StringSplitOptions.None).Length - 2);
    }

    [Fact]
    public async Task A_version_that_was_never_published_is_not_found()
    {
        var staff = await county.ClientForAsync("township-hengshan");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/catalogue/versions/9999")).StatusCode);
        var none = await staff.GetAsync("/api/catalogue/current?on=2020-01-01");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("没有施行中的服务清单", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Reasons(JsonElement item) =>
        string.Join(" ", item.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("explanation").GetString()));
}
