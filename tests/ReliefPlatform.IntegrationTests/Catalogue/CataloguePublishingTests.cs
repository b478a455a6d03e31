using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.Contracts.Catalogue;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using StackExchange.Redis;
using static ReliefPlatform.IntegrationTests.Catalogue.CatalogueDrafts;

namespace ReliefPlatform.IntegrationTests.Catalogue;

/// <summary>
/// The county revises its service catalogue: a caseworker drafts, a second person approves, the new version
/// applies from its own date while every earlier version stays readable, the cached catalogue in Redis is
/// dropped, and CatalogueVersionPublished reaches the broker through the outbox.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class CataloguePublishingTests(CountyAppFixture county) : EventListeningTests(county, typeof(CatalogueVersionPublished))
{

    [Fact]
    public async Task A_revised_catalogue_is_approved_by_a_second_person_and_applies_from_its_effective_date()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var bathing = await SeededItemAsync(caseworker, "bathing-assistance");
        bathing["nameZh"] = "助浴（含上门洗浴车）";
        bathing["pricing"]!["unitPrice"] = 60.00m;
        var relief = await SeededItemAsync(caseworker, "transport");
        relief["code"] = "emergency-help";
        relief["nameZh"] = "助急";
        relief["nameEn"] = "Emergency help";
        relief["content"] = "突发疾病、意外时的紧急上门协助和送医。";

        var draft = await StartAsync(caseworker, "新增助急，调整助浴单价，停止代办");
        Assert.Equal(HttpStatusCode.OK, (await PutItemAsync(caseworker, draft, "bathing-assistance", bathing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutItemAsync(caseworker, draft, "emergency-help", relief)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await caseworker.PostAsJsonAsync($"/api/catalogue/drafts/{draft}/items/errands/retire", new { reason = "并入乡镇便民服务中心代办" })).StatusCode);
        var effectiveFrom = await NextEffectiveDateAsync(caseworker);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(caseworker, draft, effectiveFrom)).StatusCode);
        var published = await ApproveAsync(admin, draft);

        var versions = (await caseworker.GetFromJsonAsync<JsonElement>("/api/catalogue/versions")).EnumerateArray().ToList();
        var mine = versions.Single(v => v.GetProperty("version").GetInt32() == published);
        Assert.Equal(effectiveFrom, Date(mine.GetProperty("effectiveFrom")));
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("effectiveTo").ValueKind);
        var before = versions[versions.IndexOf(mine) - 1];
        Assert.Equal(effectiveFrom.AddDays(-1), Date(before.GetProperty("effectiveTo")));

        var then = await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/current?on={effectiveFrom:yyyy-MM-dd}");
        Assert.Equal(published, then.GetProperty("version").GetProperty("version").GetInt32());
        var items = then.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetProperty("code").GetString()!);
        Assert.Equal("助急", items["emergency-help"].GetProperty("item").GetProperty("nameZh").GetString());
        Assert.Equal("60.00元/次", items["bathing-assistance"].GetProperty("pricingText").GetString());
        Assert.True(items["errands"].GetProperty("retired").GetBoolean());
        Assert.Equal("并入乡镇便民服务中心代办", items["errands"].GetProperty("retiredReason").GetString());

        // The day before, the earlier version still applies, unchanged.
        var dayBefore = await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/current?on={effectiveFrom.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(before.GetProperty("version").GetInt32(), dayBefore.GetProperty("version").GetProperty("version").GetInt32());
        Assert.DoesNotContain(dayBefore.GetProperty("items").EnumerateArray(), i => i.GetProperty("item").GetProperty("code").GetString() == "emergency-help");
        var seed = await caseworker.GetFromJsonAsync<JsonElement>("/api/catalogue/versions/1");
        Assert.Equal("50.00元/次", seed.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("item").GetProperty("code").GetString() == "bathing-assistance").GetProperty("pricingText").GetString());

        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<CatalogueVersionPublished>().Any(e => e.Version == published)), "CatalogueVersionPublished reached the broker");
        var announced = Events.Received<CatalogueVersionPublished>().Last(e => e.Version == published);
        Assert.Equal(effectiveFrom, announced.EffectiveFrom);
        var offer = Assert.Single(announced.Items, i => i.Code == "emergency-help");
        Assert.Equal("living", offer.ClassCode);
        Assert.Contains("volunteer-team", offer.ProviderKinds);
        Assert.DoesNotContain(announced.Items, i => i.Code == "errands");
        Assert.Equal(["errands"], announced.RetiredItemCodes);

        var supervisor = await County.ClientForAsync("supervisor");
        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/catalogue/audit?subject=catalogue:{published}");
        Assert.Equal("catalogue.publish", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
    }

    [Fact]
    public async Task Publishing_drops_the_cached_timeline_in_Redis_so_readers_see_the_new_version_at_once()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        using var redis = await ConnectionMultiplexer.ConnectAsync(await County.ConnectionStringAsync(ResourceNames.Cache));
        var cache = redis.GetDatabase();
        const string farFuture = "2099-01-01";

        var before = await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/current?on={farFuture}");
        var cached = await cache.StringGetAsync(PublishedCatalogueCache.TimelineKey);
        Assert.True(cached.HasValue, "reading the catalogue caches its timeline in Redis");
        var cachedVersions = JsonDocument.Parse(cached.ToString()).RootElement.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToList();
        Assert.Contains(before.GetProperty("version").GetProperty("version").GetInt32(), cachedVersions);

        var (published, _) = await PublishNextAsync(caseworker, admin);

        Assert.False((await cache.StringGetAsync(PublishedCatalogueCache.TimelineKey)).HasValue, "publishing dropped the cached timeline");
        var after = await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/current?on={farFuture}");
        Assert.Equal(published, after.GetProperty("version").GetProperty("version").GetInt32());
        // Reading caches the new timeline again. The service also drops it when its own CatalogueVersionPublished comes
        // back from the broker, which may land just after a read: read until the cache holds it.
        await Messaging.MessagingHost.EventuallyAsync(async () =>
        {
            await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/current?on={farFuture}");
            var recached = await cache.StringGetAsync(PublishedCatalogueCache.TimelineKey);
            return recached.HasValue && JsonDocument.Parse(recached.ToString()).RootElement.EnumerateArray()
                .Select(v => v.GetProperty("version").GetInt32()).Contains(published);
        }, "a read caches the timeline with the new version");
    }

    [Fact]
    public async Task The_drafter_cannot_approve_their_own_version_and_nothing_is_published()
    {
        var admin = await County.ClientForAsync("county-admin");
        var versionsBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/catalogue/versions")).GetArrayLength();
        var draft = await StartAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(admin, draft, await NextEffectiveDateAsync(admin))).StatusCode);

        var own = await admin.PostAsync($"/api/catalogue/drafts/{draft}/approve", null);

        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("另一人审批", (await ProblemAsync(own)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(versionsBefore, (await admin.GetFromJsonAsync<JsonElement>("/api/catalogue/versions")).GetArrayLength());
        var caseworker = await County.ClientForAsync("caseworker");
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsync($"/api/catalogue/drafts/{draft}/approve", null)).StatusCode);
        var returned = await (await County.ClientForAsync("county-admin")).PostAsJsonAsync($"/api/catalogue/drafts/{draft}/return", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, returned.StatusCode);
    }

    [Fact]
    public async Task Effective_dates_may_not_overlap_an_earlier_version_or_lie_in_the_past()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var draft = await StartAsync(caseworker);
        var next = await NextEffectiveDateAsync(caseworker);

        foreach (var date in new[] { next.AddDays(-1), new DateOnly(2020, 1, 1) })
        {
            var refused = await SubmitAsync(caseworker, draft, date);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await ProblemAsync(refused);
            Assert.True(problem.GetProperty("errors").TryGetProperty("effectiveFrom", out var message), problem.ToString());
            Assert.Matches("生效日期(须晚于|不能早于)", message[0].GetString()!);
        }

        var status = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/drafts/{draft}")).GetProperty("status").GetString();
        Assert.Equal("Draft", status);
    }

    [Fact]
    public async Task A_draft_overtaken_by_another_publication_is_refused_instead_of_undoing_it()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var admin = await County.ClientForAsync("county-admin");
        var stale = await StartAsync(caseworker, "较早的草稿");
        await PublishNextAsync(caseworker, admin);

        var submitted = await SubmitAsync(caseworker, stale, await NextEffectiveDateAsync(caseworker));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.True((await ProblemAsync(submitted)).GetProperty("errors").TryGetProperty("basedOn", out _));
    }

    [Fact]
    public async Task An_invalid_item_is_refused_field_by_field_and_the_draft_keeps_what_it_had()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var draft = await StartAsync(caseworker);
        var meal = await SeededItemAsync(caseworker, "meal-assistance");
        meal["scope"]!["needCodes"] = new System.Text.Json.Nodes.JsonArray("meal-assistance", "hot-meals");
        meal["standard"]!["frequency"]!["times"] = 0;

        var refused = await PutItemAsync(caseworker, draft, "meal-assistance", meal);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ProblemAsync(refused)).GetProperty("errors");
        Assert.Equal("服务需求“hot-meals”不存在。", errors.GetProperty("scope.needCodes[1]")[0].GetString());
        Assert.Equal("服务频次必须大于 0。", errors.GetProperty("standard.frequency.times")[0].GetString());
        var kept = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/catalogue/drafts/{draft}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("item").GetProperty("code").GetString() == "meal-assistance");
        Assert.Equal(7, kept.GetProperty("item").GetProperty("standard").GetProperty("frequency").GetProperty("times").GetInt32());

        var removed = await caseworker.DeleteAsync($"/api/catalogue/drafts/{draft}/items/meal-assistance");
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await caseworker.DeleteAsync($"/api/catalogue/drafts/{draft}")).StatusCode);
    }

    [Fact]
    public async Task An_unreadable_value_is_answered_in_Chinese_with_the_field_named()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var draft = await StartAsync(caseworker);
        var meal = await SeededItemAsync(caseworker, "meal-assistance");
        meal["standard"]!["frequency"]!["per"] = "Fortnight";

        var refused = await PutItemAsync(caseworker, draft, "meal-assistance", meal);
        var malformed = await caseworker.PutAsync($"/api/catalogue/drafts/{draft}/items/meal-assistance",
            new StringContent("{\"code\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await ProblemAsync(refused);
        Assert.Equal("请求内容有误", problem.GetProperty("title").GetString());
        Assert.Equal("该字段的值格式或类型不正确。", problem.GetProperty("errors").GetProperty("standard.frequency.per")[0].GetString());
        Assert.DoesNotContain("Fortnight", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Classes_are_data_a_county_administrator_extends()
    {
        var admin = await County.ClientForAsync("county-admin");
        var caseworker = await County.ClientForAsync("caseworker");
        var code = $"class-{Guid.NewGuid():N}"[..16];
        var added = new { code, nameZh = "应急救助服务类", nameEn = "Emergency services" };

        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync("/api/catalogue/classes", added)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/catalogue/classes", added)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/catalogue/classes", added)).StatusCode);
        var classes = await caseworker.GetFromJsonAsync<JsonElement>("/api/catalogue/classes");
        Assert.Equal(["care", "living", "concern", code], classes.EnumerateArray().Select(c => c.GetProperty("code").GetString()!).Where(c => !c.StartsWith("class-", StringComparison.Ordinal) || c == code));

        var draft = await StartAsync(caseworker);
        var item = await SeededItemAsync(caseworker, "transport");
        item["classCode"] = code;
        Assert.Equal(HttpStatusCode.OK, (await PutItemAsync(caseworker, draft, "transport", item)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await caseworker.DeleteAsync($"/api/catalogue/drafts/{draft}")).StatusCode);
    }

    [Theory]
    [InlineData("township-hengshan")]
    [InlineData("supervisor")]
    [InlineData("provider-demo")]
    public async Task Only_county_staff_draft_the_catalogue(string userName)
    {
        var user = await County.ClientForAsync(userName);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync("/api/catalogue/drafts", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/catalogue/versions/1")).StatusCode);
    }

    private static DateOnly Date(JsonElement value) => DateOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
