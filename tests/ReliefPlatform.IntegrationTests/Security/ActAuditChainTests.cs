using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// The acts people make in Delivery and at a township centre, through the gateway, each on its service's own hash chain:
/// who (the account's id, never a name), what, on which order, complaint or household — and never the words people
/// said, a name or an ID number. A row changed behind the append-only trigger's back is named by <c>audit/verify</c>.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ActAuditChainTests(CountyAppFixture county)
{
    // 佛子岭镇: the security matrix aims at 衡山镇 as provider-demo, who delivers these orders.
    private const string Foziling = "341525101";
    private const string Centre = $"/api/townships/{Foziling}";
    private static readonly string[] Words = ["赵春兰", "王秀英", "李建国", "张师傅", "陈桂芳", "周德明", "送餐", "态度", "咳嗽"];

    [Fact]
    public async Task Every_act_on_an_order_a_complaint_and_a_referral_is_on_Deliverys_chain_by_the_actors_id_and_without_words()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-foziling");
        var provider = await county.ClientForAsync("provider-demo");
        var supervisor = await county.ClientForAsync("supervisor");
        var idNumber = People.IdNumber(81);
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "201", People.Member("赵春兰", idNumber));
        await MessagingHost.EventuallyAsync(async () => (await caseworker.GetAsync($"/api/delivery/recipients/{household}")).IsSuccessStatusCode, "Delivery knows the household");
        var project = await DeliveredOrders.FundAsync(county, Foziling);
        var delivered = (await DeliveredOrders.DeliverAsync(county, project, [household])).Single();

        var issued = await (await staff.PostAsync($"/api/delivery/work-orders/{delivered}/confirmation-code", null)).Content.ReadFromJsonAsync<JsonElement>();
        var code = issued.GetProperty("code").GetString()!;
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.BadRequest, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{delivered}/confirm-by-code", new { code = wrong, satisfaction = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{delivered}/confirm-by-code",
            new { code, satisfaction = 4, comment = "张师傅很耐心" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/delivery/work-orders/{delivered}/close", null)).StatusCode);

        var second = await OrderAsync(caseworker, household, project);
        await MessagingHost.EventuallyAsync(async () => (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{second}"))
            .GetProperty("status").GetString() == "Assigned", "Funding reserved the money for the second order");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/work-orders/{second}/reassign",
            new { providerId = "other-provider", reason = "provider-unavailable" })).StatusCode);
        // Refused acts leave nothing: a bad reason, a move the order's state does not allow.
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/delivery/work-orders/{second}/cancel", new { reason = "周德明说不要了" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/delivery/work-orders/{second}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/work-orders/{second}/cancel", new { reason = "duplicate" })).StatusCode);

        var taken = await staff.PostAsJsonAsync("/api/delivery/complaints",
            new { householdId = household, workOrderId = delivered, category = "StaffConduct", description = "王秀英反映送餐人员态度差" });
        var complaint = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/complaints/{complaint}/assign", new { assignTo = "李建国" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/complaints/{complaint}/resolve", new { resolution = "已约谈陈桂芳并道歉" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/delivery/complaints/{complaint}/accept", null)).StatusCode);
        var sent = await caseworker.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department = "health", need = "老人长期咳嗽，需要就医" });
        var referral = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var caseworkerId = await AccountIdAsync("caseworker");
        var staffId = await AccountIdAsync("township-foziling");
        var providerId = await AccountIdAsync("provider-demo");
        Assert.Equal(
            [
                ("work-order.create", caseworkerId), ("work-order.schedule", providerId), ("work-order.check-in", providerId), ("work-order.check-out", providerId),
                ("work-order.confirmation-code.issue", staffId), ("work-order.confirmation-code.wrong", providerId), ("work-order.confirm-by-code", providerId),
                ("work-order.close", staffId),
            ],
            await ActsAsync(supervisor, "/api/delivery", $"work-order:{delivered}"));
        Assert.Equal(
            [("work-order.create", caseworkerId), ("work-order.reassign", staffId), ("work-order.cancel", staffId)],
            await ActsAsync(supervisor, "/api/delivery", $"work-order:{second}"));
        Assert.Equal(
            [("complaint.raise", staffId), ("complaint.assign", staffId), ("complaint.resolve", staffId), ("complaint.close", staffId)],
            await ActsAsync(supervisor, "/api/delivery", $"complaint:{complaint}"));
        Assert.Equal([("referral.send", caseworkerId)], await ActsAsync(supervisor, "/api/delivery", $"referral:{referral}"));

        var reassigned = await EntryAsync(supervisor, "/api/delivery", $"work-order:{second}", "work-order.reassign");
        Assert.Equal("from=Assigned;to=Assigned;fromProvider=demo-provider;toProvider=other-provider;reason=provider-unavailable", reassigned.GetProperty("details").GetString());
        var tried = await EntryAsync(supervisor, "/api/delivery", $"work-order:{delivered}", "work-order.confirmation-code.wrong");
        Assert.Equal("failures=1", tried.GetProperty("details").GetString());
        var chain = await ChainTextAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery));
        Assert.DoesNotContain(code, string.Join('\n', (await ListAsync(supervisor, "/api/delivery", $"work-order:{delivered}")).Select(e => e.GetProperty("details").GetString())),
            StringComparison.Ordinal);
        Assert.Contains(household.ToString(), chain, StringComparison.Ordinal);
        Assert.All(Words, word => Assert.DoesNotContain(word, chain, StringComparison.Ordinal));
        Assert.Empty(IdentityNumberScan.In(Encoding.UTF8.GetBytes(chain)));

        await AssertVerifiesAndNamesATamperedRowAsync(supervisor, "/api/delivery", ResourceNames.DatabaseOf(ResourceNames.Delivery),
            (await EntryAsync(supervisor, "/api/delivery", $"complaint:{complaint}", "complaint.assign")).GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await (await county.ClientForAsync("ops")).GetAsync("/api/delivery/audit/verify")).StatusCode);
        foreach (var refused in new[] { caseworker, staff, provider })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync("/api/delivery/audit/verify")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync($"/api/delivery/audit?subject=work-order:{delivered}")).StatusCode);
        }
    }

    [Fact]
    public async Task What_a_centres_front_desk_takes_is_on_that_townships_own_chain_by_the_staff_members_id_and_without_words()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-foziling");
        var supervisor = await county.ClientForAsync("supervisor");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "202");
        var project = await DeliveredOrders.FundAsync(county, Foziling);
        var order = (await DeliveredOrders.DeliverAsync(county, project, [household])).Single();
        await MessagingHost.EventuallyAsync(async () => (await staff.GetFromJsonAsync<JsonElement>($"{Centre}/worklist")).GetProperty("toConfirm").EnumerateArray()
            .Any(o => o.GetProperty("id").GetGuid() == order), "the delivered order is on the centre's worklist to confirm");

        var confirmation = await CaptureAsync(await staff.PostAsJsonAsync($"{Centre}/work-orders/{order}/confirm", new { satisfaction = 3, comment = "张师傅来晚了" }));
        var complaint = await CaptureAsync(await staff.PostAsJsonAsync($"{Centre}/complaints",
            new { householdId = household, workOrderId = order, category = "ServiceQuality", description = "王秀英说送餐总是凉的" }));
        var visit = await CaptureAsync(await staff.PostAsJsonAsync($"{Centre}/visits",
            new { householdId = household, place = "home", visitedAt = DateTimeOffset.UtcNow.AddHours(-1), finding = "李建国咳嗽未愈" }));
        var applicant = People.IdNumber(71);
        var spouse = People.IdNumber(70);
        var application = await CaptureAsync(await staff.PostAsJsonAsync($"{Centre}/registrations", new
        {
            villageCode = $"{Foziling}203", category = "低保",
            members = new object[] { new { name = "陈桂芳", idNumber = applicant, relationship = "户主" }, new { name = "周德明", idNumber = spouse, relationship = "配偶" } },
        }));
        // Refused at the desk: nothing taken, nothing on the chain.
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"{Centre}/complaints", new { householdId = household, category = "Rude", description = "x" })).StatusCode);

        var staffId = await AccountIdAsync("township-foziling");
        Assert.Equal([("confirmation.take", staffId)], await ActsAsync(supervisor, Centre, $"work-order:{order}"));
        Assert.Equal([("complaint.take", staffId), ("visit.record", staffId)], await ActsAsync(supervisor, Centre, $"household:{household}"));
        Assert.Equal([("registration.take", staffId)], await ActsAsync(supervisor, Centre, $"capture:{application}"));
        Assert.Equal($"capture={confirmation};household={household};satisfaction=3",
            (await EntryAsync(supervisor, Centre, $"work-order:{order}", "confirmation.take")).GetProperty("details").GetString());
        Assert.Equal($"capture={complaint};workOrder={order};category=ServiceQuality",
            (await EntryAsync(supervisor, Centre, $"household:{household}", "complaint.take")).GetProperty("details").GetString());
        Assert.StartsWith($"capture={visit};", (await EntryAsync(supervisor, Centre, $"household:{household}", "visit.record")).GetProperty("details").GetString(),
            StringComparison.Ordinal);

        var database = ResourceNames.TownshipDatabaseResource("foziling");
        var chain = await ChainTextAsync(database);
        Assert.All(Words, word => Assert.DoesNotContain(word, chain, StringComparison.Ordinal));
        Assert.Empty(IdentityNumberScan.In(Encoding.UTF8.GetBytes(chain)));
        // The other centre keeps a chain of its own, which this centre's acts are not on.
        Assert.DoesNotContain(household.ToString(), await ChainTextAsync(ResourceNames.TownshipDatabaseResource("hengshan")), StringComparison.Ordinal);

        // Forwarded, the confirmation and the complaint are Delivery's acts too, by the county's service account, each linked by
        // its capture's id (the forward's Idempotency-Key) to the entry above that names the centre's staff member.
        await MessagingHost.EventuallyAsync(async () => (await staff.GetFromJsonAsync<JsonElement>($"{Centre}/sync")).GetProperty("pending").GetInt32() == 0,
            "every capture reached the hub");
        var confirmed = await EntryAsync(supervisor, "/api/delivery", $"work-order:{order}", "work-order.confirm");
        Assert.Equal(ReliefPlatform.Security.ServiceCalls.ServiceClientOptions.ClientId, confirmed.GetProperty("actor").GetString());
        Assert.EndsWith($";idempotencyKey={confirmation}", confirmed.GetProperty("details").GetString(), StringComparison.Ordinal);
        var hubLog = (await supervisor.GetFromJsonAsync<JsonElement>("/api/delivery/audit")).GetProperty("items").EnumerateArray();
        Assert.Single(hubLog, e => e.GetProperty("action").GetString() == "complaint.raise"
            && e.GetProperty("details").GetString()!.EndsWith($";idempotencyKey={complaint}", StringComparison.Ordinal));

        await AssertVerifiesAndNamesATamperedRowAsync(supervisor, Centre, database,
            (await EntryAsync(supervisor, Centre, $"household:{household}", "complaint.take")).GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await (await county.ClientForAsync("ops")).GetAsync($"{Centre}/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Centre}/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Centre}/audit?subject=household:{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync($"{Centre}/audit/verify")).StatusCode);
    }

    /// <summary>
    /// The chain verifies; with one row's actor changed behind the trigger's back it names that row; put back, it verifies
    /// again (the county is shared by the collection's tests, so the row is always put back).
    /// </summary>
    private async Task AssertVerifiesAndNamesATamperedRowAsync(HttpClient supervisor, string prefix, string database, long sequence)
    {
        var before = await supervisor.GetFromJsonAsync<JsonElement>($"{prefix}/audit/verify");
        Assert.True(before.GetProperty("intact").GetBoolean(), before.ToString());
        Assert.True(before.GetProperty("entries").GetInt64() >= sequence);

        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(database));
        await db.OpenAsync();
        await using var read = new NpgsqlCommand($"SELECT actor FROM audit_entries WHERE sequence = {sequence}", db);
        var actor = (string)(await read.ExecuteScalarAsync())!;
        await ExecuteAsync(db, "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        try
        {
            await ExecuteAsync(db, $"UPDATE audit_entries SET actor = 'someone-else' WHERE sequence = {sequence}");
            var tampered = await supervisor.GetFromJsonAsync<JsonElement>($"{prefix}/audit/verify");
            Assert.False(tampered.GetProperty("intact").GetBoolean());
            Assert.Equal(sequence, tampered.GetProperty("firstBrokenSequence").GetInt64());
        }
        finally
        {
            await using var restore = new NpgsqlCommand("UPDATE audit_entries SET actor = @actor WHERE sequence = @sequence", db);
            restore.Parameters.AddWithValue("actor", actor);
            restore.Parameters.AddWithValue("sequence", sequence);
            await restore.ExecuteNonQueryAsync();
            await ExecuteAsync(db, "ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only");
        }

        var after = await supervisor.GetFromJsonAsync<JsonElement>($"{prefix}/audit/verify");
        Assert.True(after.GetProperty("intact").GetBoolean());
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, $"UPDATE audit_entries SET actor = 'someone-else' WHERE sequence = {sequence}"));
    }

    private static async Task<Guid> OrderAsync(HttpClient caseworker, Guid household, string project)
    {
        var created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = "demo-provider", year = DateTime.UtcNow.AddHours(8).Year, projectCode = project, units = 1,
            unitPrice = 10.00m, standardMinutes = 0,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CaptureAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The entries about <paramref name="subject"/>, oldest first.</summary>
    private static async Task<List<JsonElement>> ListAsync(HttpClient supervisor, string prefix, string subject) =>
        [.. (await supervisor.GetFromJsonAsync<JsonElement>($"{prefix}/audit?subject={subject}")).GetProperty("items").EnumerateArray().Reverse()];

    private static async Task<List<(string Action, string Actor)>> ActsAsync(HttpClient supervisor, string prefix, string subject) =>
        [.. (await ListAsync(supervisor, prefix, subject)).Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("actor").GetString()!))];

    private static async Task<JsonElement> EntryAsync(HttpClient supervisor, string prefix, string subject, string action) =>
        Assert.Single(await ListAsync(supervisor, prefix, subject), e => e.GetProperty("action").GetString() == action);

    /// <summary>Every entry of the service's chain as stored, one line each.</summary>
    private async Task<string> ChainTextAsync(string database)
    {
        await using var db = new NpgsqlConnection(await county.ConnectionStringAsync(database));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT concat_ws('|', actor, action, subject, details) FROM audit_entries ORDER BY sequence", db);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            text.AppendLine(reader.GetString(0));
        }

        return text.ToString();
    }

    /// <summary>The account's id (the token's <c>sub</c>): what the chain names as the actor.</summary>
    private async Task<string> AccountIdAsync(string userName)
    {
        var token = await county.TokenAsync(userName);
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        return payload.RootElement.GetProperty("sub").GetString()!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
