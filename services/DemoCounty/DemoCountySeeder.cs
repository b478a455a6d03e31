using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Demo;

/// <summary>
/// Fills a county through its own APIs, as its people would: providers applied, reviewed and approved, with what they
/// offer where, their certificates, budgets, a purchase project and contracts; the monitoring file imported; a share of
/// households visited and assessed by the village visitor and approved by township staff; plans approved and matched;
/// the current orders delivered and confirmed with satisfaction; some complaints and referrals; and the year before, from
/// the county's records, through the service-history migration. Every choice follows from
/// the seed number and what the county shows (never from ids it made up), so the same seed fills the same county.
/// </summary>
public sealed class DemoCountySeeder(DemoCountyOptions options, CountyOptions county, CountyApi api, DemoCountyProgress progress, ILogger logger, TimeProvider time)
{
    public const string Caseworker = "caseworker";
    public const string Admin = "county-admin";
    public const string Finance = "finance";

    private static readonly string[] Satisfaction = ["5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "4", "4", "4", "4", "4", "4", "3", "3", "2"];

    private static readonly (string Category, string Text)[] Complaints =
    [
        ("NotDelivered", "约定时间未上门，电话联系后才补送"), ("ServiceQuality", "助浴时水温偏低，老人受凉"), ("StaffConduct", "服务人员态度生硬"),
        ("ServiceQuality", "打扫不彻底，厨房仍有油污"), ("Other", "希望固定服务人员"),
    ];

    private static readonly (string Department, string Need)[] Referrals =
    [
        ("human-resources", "家中劳动力失业，需要就业援助"), ("medical-insurance", "大病医疗费用负担重，申请医疗救助"),
        ("education", "孙辈上学有困难，申请教育资助"), ("housing", "住房有安全隐患，申请危房改造"),
        ("disabled-persons-federation", "申请残疾人辅助器具适配"), ("justice", "赡养纠纷，需要法律援助"),
    ];

    private static readonly string[] ElderRequests = ["meal", "cleaning", "visiting", "care", "shopping"];
    private static readonly string[] FrailRequests = ["bathing", "mobility", "care"];
    private static readonly string[] DisabledRequests = ["rehabilitation", "home-adaptation", "transport"];

    private List<Township> _townships = [];
    private DateOnly _today;

    /// <summary>The name of the monitoring file: the county already holds a completed import of it means it is filled.</summary>
    public string FileName => $"demo-county-{options.SeedNumber}-{options.Households}.csv";

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        _today = time.CountyToday();
        _townships = options.Townships.Count == 0
            ? county.Townships
            : [.. options.Townships.Select(code => county.FindTownship(code) ?? throw new InvalidOperationException($"Demo:Townships names {code}, not a township of the county."))];
        var imports = await api.GetAsync(Caseworker, "/api/assessment/imports", cancellationToken);
        if (imports.EnumerateArray().Any(j => j.GetProperty("fileName").GetString() == FileName && j.GetProperty("status").GetString() == "Completed"))
        {
            logger.AlreadyFilled(FileName);
            progress.CurrentPhase = 9;
            return false;
        }

        var filling = Stopwatch.GetTimestamp();
        var catalogue = await PhaseAsync(1, "catalogue", () => CatalogueAsync(cancellationToken));
        var providers = await PhaseAsync(2, "providers", () => ProvidersAsync(catalogue, cancellationToken));
        await PhaseAsync(3, "funding", () => FundingAsync(catalogue, providers, cancellationToken));
        var households = await PhaseAsync(4, "import", () => ImportAsync(cancellationToken));
        var approved = await PhaseAsync(5, "assessments", () => AssessAsync(households, cancellationToken));
        var matched = await PhaseAsync(6, "plans", () => PlansAsync(approved, cancellationToken));
        await PhaseAsync(7, "delivery", () => DeliverAsync(matched, approved, cancellationToken));
        await PhaseAsync(8, "history", () => HistoryAsync(catalogue, providers, approved, cancellationToken));
        progress.CurrentPhase = 9;
        var seconds = Math.Round(Stopwatch.GetElapsedTime(filling).TotalSeconds, 1);
        var summary = Summary();
        logger.Filled(seconds, summary);
        return true;
    }

    private async Task<T> PhaseAsync<T>(int number, string name, Func<Task<T>> phase)
    {
        progress.CurrentPhase = number;
        logger.PhaseStarted(number, name);
        var started = Stopwatch.GetTimestamp();
        var result = await phase();
        var elapsed = Stopwatch.GetElapsedTime(started);
        progress.Took(name, elapsed);
        var (seconds, summary) = (Math.Round(elapsed.TotalSeconds, 1), Summary());
        logger.PhaseDone(number, name, seconds, summary);
        return result;
    }

    private string Summary() => string.Join(", ", progress.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    // ---- 1. The published catalogue: what can be offered, by which kinds of provider, at what price.

    private async Task<IReadOnlyList<CatalogueItem>> CatalogueAsync(CancellationToken cancellationToken)
    {
        var current = await api.GetAsync(Caseworker, "/api/catalogue/current", cancellationToken);
        return [.. current.GetProperty("items").EnumerateArray().Where(i => !i.GetProperty("retired").GetBoolean()).Select(i => i.GetProperty("item")).Select(i => new CatalogueItem(
            i.GetProperty("code").GetString()!,
            [.. i.GetProperty("providerKinds").EnumerateArray().Select(k => k.GetString()!)],
            i.GetProperty("pricing").GetProperty("unitPrice") is { ValueKind: JsonValueKind.Number } price ? price.GetDecimal() : null))];
    }

    // ---- 2. Providers of every kind: applied and reviewed by the caseworker, approved by the administrator; capabilities and certificates.

    private async Task<IReadOnlyList<DemoProvider>> ProvidersAsync(IReadOnlyList<CatalogueItem> catalogue, CancellationToken cancellationToken)
    {
        var kinds = catalogue.SelectMany(i => i.ProviderKinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var random = new Random(options.SeedNumber + 2);
        var planned = new List<(int Index, string Kind, List<string> Townships)>();
        for (var k = 0; k < Math.Max(options.Providers, kinds.Count); k++)
        {
            var kind = kinds[k % kinds.Count];
            var home = (k / kinds.Count + k) % _townships.Count;
            var countyWide = kind is "department" or "charity" or "mass-organisation";
            List<string> townships = countyWide
                ? [.. _townships.Select(t => t.Code)]
                : [.. Enumerable.Range(0, Math.Min(_townships.Count, 3)).Select(o => _townships[(home + o) % _townships.Count].Code)];
            planned.Add((k, kind, townships));
        }

        var creditCodes = planned.Select(_ => CreditCode(random)).ToList();
        var providers = new DemoProvider?[planned.Count];
        await ForEachAsync(planned, async (p, ct) =>
        {
            var home = county.FindTownship(p.Townships[0])!;
            var applied = await api.PostAsync(Caseworker, "/api/provider/providers", Application(p.Kind, p.Index, home, creditCodes[p.Index]), ct);
            var id = applied.GetProperty("provider").GetProperty("id").GetGuid();
            await api.PostAsync(Caseworker, $"/api/provider/providers/{id}/review", new { }, ct);
            await api.PostAsync(Admin, $"/api/provider/providers/{id}/approve", new { }, ct);
            var items = catalogue.Where(i => i.ProviderKinds.Contains(p.Kind)).ToList();
            var capabilities = items.Select(i => new { itemCode = i.Code, townships = p.Townships, capacity = 40, per = "Week" }).ToList();
            // Provider learns the catalogue from Catalogue's events: a capability it does not know yet is refused, so it is retried.
            await RetryAsync(() => api.PutAsync(Caseworker, $"/api/provider/providers/{id}/capabilities", capabilities, ct), ct);
            providers[p.Index] = new DemoProvider(id, p.Kind, p.Townships, [.. items.Select(i => i.Code)]);
            progress.Count("providers");
        }, cancellationToken);

        // The certificates each item asks for, as eligibility names them when a provider lacks them; each provider then shows its own.
        var onboarded = providers.OfType<DemoProvider>().ToList();
        var requirements = await RequirementsAsync(onboarded, cancellationToken);
        await ForEachAsync(onboarded.Select((p, i) => (p, i)).ToList(), async (x, ct) =>
        {
            foreach (var type in x.p.Items.SelectMany(i => requirements.GetValueOrDefault(i, [])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await api.PostAsync(Caseworker, $"/api/provider/providers/{x.p.Id}/qualifications", new
                {
                    type, number = $"ZZ{options.SeedNumber % 1000:D3}{x.i:D3}{type.Length:D2}{type[0]}",
                    validFrom = _today.AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    validUntil = _today.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }, ct);
                progress.Count("qualifications");
            }
        }, cancellationToken);
        return onboarded;
    }

    /// <summary>
    /// The qualification types each item requires: Provider's eligibility names a missing certificate by its Chinese name,
    /// which the list of qualification types maps back to its code.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> RequirementsAsync(IReadOnlyList<DemoProvider> providers, CancellationToken cancellationToken)
    {
        var types = (await api.GetAsync(Caseworker, "/api/provider/qualification-types", cancellationToken)).EnumerateArray()
            .Select(t => (Code: t.GetProperty("code").GetString()!, Name: t.GetProperty("nameZh").GetString()!)).ToList();
        var required = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in providers.SelectMany(p => p.Items).Distinct(StringComparer.Ordinal))
        {
            var township = providers.First(p => p.Items.Contains(item)).Townships[0];
            var eligible = await api.GetAsync(Caseworker, $"/api/provider/eligibility?itemCode={item}&townshipCode={township}", cancellationToken);
            var reasons = string.Join("；", eligible.EnumerateArray().Where(e => !e.GetProperty("eligible").GetBoolean())
                .SelectMany(e => e.GetProperty("reasons").EnumerateArray()).Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.ToString()));
            required[item] = [.. types.Where(t => reasons.Contains(t.Name, StringComparison.Ordinal)).Select(t => t.Code)];
        }

        return required;
    }

    private static readonly string[] Departments = ["health", "civil-affairs", "justice", "education", "human-resources"];
    private static readonly string[] MassOrganisations = ["womens-federation", "disabled-persons-federation", "youth-league", "trade-union"];
    private static readonly string[] Helpers = ["刘桂兰", "陈德明", "储秀英", "汪长青", "余翠兰", "程永福", "许海燕", "吴传贵"];

    /// <summary>An application as the kind requires: organisations by name (and credit code where registered), people by name, departments and mass organisations with their affiliation.</summary>
    private static object Application(string kind, int index, Township home, string creditCode)
    {
        var place = home.Name.TrimEnd('镇', '乡');
        var contact = new { name = "王芳", phone = $"1385678{index:D4}" };
        return kind switch
        {
            "individual-volunteer" or "neighbour-helper" => new { kind, personName = Helpers[index % Helpers.Length], homeTownship = home.Code, contact },
            "department" => Departments[index % Departments.Length] switch
            {
                "health" => new { kind, name = $"{place}卫生院{Numbered(index)}", affiliation = "health", homeTownship = home.Code, contact },
                "civil-affairs" => new { kind, name = $"霍山县{place}民政服务站{Numbered(index)}", affiliation = "civil-affairs", homeTownship = home.Code, contact },
                "justice" => new { kind, name = $"{place}司法所{Numbered(index)}", affiliation = "justice", homeTownship = home.Code, contact },
                "education" => new { kind, name = $"{place}中心学校{Numbered(index)}", affiliation = "education", homeTownship = home.Code, contact },
                _ => new { kind, name = $"{place}劳动保障事务所{Numbered(index)}", affiliation = "human-resources", homeTownship = home.Code, contact },
            },
            "mass-organisation" => MassOrganisations[index % MassOrganisations.Length] switch
            {
                "womens-federation" => new { kind, name = $"{place}妇联巾帼志愿服务站{Numbered(index)}", affiliation = "womens-federation", homeTownship = home.Code, contact },
                "disabled-persons-federation" => new { kind, name = $"{place}残疾人康复服务站{Numbered(index)}", affiliation = "disabled-persons-federation", homeTownship = home.Code, contact },
                "youth-league" => new { kind, name = $"{place}青年志愿者协会{Numbered(index)}", affiliation = "youth-league", homeTownship = home.Code, contact },
                _ => new { kind, name = $"{place}工会职工服务站{Numbered(index)}", affiliation = "trade-union", homeTownship = home.Code, contact },
            },
            "volunteer-team" => new { kind, name = $"{place}志愿服务队{Numbered(index)}", homeTownship = home.Code, contact },
            "elderly-care-organisation" => new { kind, name = $"霍山县{place}居家养老服务中心{Numbered(index)}", creditCode, homeTownship = home.Code, contact },
            "social-work-organisation" => new { kind, name = $"霍山县{place}社会工作服务站{Numbered(index)}", creditCode, homeTownship = home.Code, contact },
            "charity" => new { kind, name = $"霍山县{place}慈善助老会{Numbered(index)}", creditCode, homeTownship = home.Code, contact },
            _ => new { kind, name = $"霍山县{place}服务机构{Numbered(index)}", creditCode, homeTownship = home.Code, contact },
        };
    }

    private static string Numbered(int index) => index < 16 ? "" : $"（{index / 16 + 1}）";

    private static string CreditCode(Random random)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var body = "52341525" + string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[random.Next(10)]));
        var sum = body.Select((c, i) => alphabet.IndexOf(c, StringComparison.Ordinal) * weights[i]).Sum();
        return body + alphabet[(31 - (sum % 31)) % 31];
    }

    // ---- 3. Money: a budget per township (proposed by finance, approved by the administrator), one purchase project, a contract per provider.

    private async Task<bool> FundingAsync(IReadOnlyList<CatalogueItem> catalogue, IReadOnlyList<DemoProvider> providers, CancellationToken cancellationToken)
    {
        var year = _today.Year;
        var project = $"HSFW{year}-{options.SeedNumber % 1000:D3}";
        // Enough for the year's orders and the year before migrated in phase 8 (both are bought under this year's project): at 0.6 the
        // busiest townships ran dry and their migrated spends waited for an allocation that never came, retried every half minute.
        var perTownship = Math.Max(200_000m, Math.Round(options.Households * 1.2m / _townships.Count) * 1000m);
        await ForEachAsync(_townships, async (t, ct) =>
        {
            var proposed = await api.PostAsync(Finance, "/api/funding/allocations",
                new { year, sourceType = "fiscal-budget", projectCode = project, townshipCode = t.Code, amount = perTownship, reason = "县财政下达服务类社会救助资金" }, ct);
            await api.PostAsync(Admin, $"/api/funding/allocations/{proposed.GetProperty("id").GetGuid()}/approve", null, ct);
            progress.Count("budgets");
        }, cancellationToken);

        var projectId = (await api.PostAsync(Finance, "/api/funding/projects", new
        {
            year, code = project, name = $"霍山县{year}年服务类社会救助购买服务项目", goals = "为低收入家庭提供照料护理、探访关爱、社会融入等服务",
            items = catalogue.Where(i => i.UnitPrice is not null).Select(i => i.Code).ToList(), townships = _townships.Select(t => t.Code).ToList(),
            budget = perTownship * _townships.Count, documents = new[] { $"霍民〔{year}〕12号 立项批复" },
        }, cancellationToken)).GetProperty("id").GetGuid();
        await api.PostAsync(Admin, $"/api/funding/projects/{projectId}/stages/approve", null, cancellationToken);

        var until = new[] { new DateOnly(year, 12, 31), _today.AddDays(90) }.Max();
        // The contracts reach back over the history migrated in phase 8 (bought under this year's project).
        var from = new[] { new DateOnly(year, 1, 1), HistoryStarts }.Min();
        var prices = catalogue.Where(i => i.UnitPrice is not null).ToDictionary(i => i.Code, i => i.UnitPrice!.Value, StringComparer.Ordinal);
        await ForEachAsync(providers.Select((p, i) => (p, i)).Where(x => x.p.Items.Any(prices.ContainsKey)).ToList(), async (x, ct) =>
        {
            await api.PostAsync(Finance, "/api/funding/contracts", new
            {
                number = $"HSZC{year}-{options.SeedNumber % 1000:D3}-{x.i:D3}", year, projectCode = project, providerId = x.p.Id.ToString(), townships = x.p.Townships,
                from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), until = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                items = x.p.Items.Where(prices.ContainsKey).Select(code => new { itemCode = code, unitPrice = prices[code], quantityCap = 5000 }).ToList(),
            }, ct);
            progress.Count("contracts");
        }, cancellationToken);
        return true;
    }

    // ---- 4. The monitoring import: the generated file through POST /api/assessment/imports.

    private async Task<List<JsonElement>> ImportAsync(CancellationToken cancellationToken)
    {
        // People's ages are reckoned from the first of the year, so a seed gives the same people all year.
        var households = DemoHouseholds.Generate(options.SeedNumber, options.Households, _townships, new DateOnly(_today.Year, 1, 1));
        var file = Encoding.UTF8.GetBytes(DemoHouseholds.Csv(households));
        var upload = await api.PostAsync(Caseworker, $"/api/assessment/imports?fileName={Uri.EscapeDataString(FileName)}", (Func<HttpContent>)(() =>
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return content;
        }), cancellationToken, HttpStatusCode.Accepted);
        var id = upload.GetProperty("id").GetGuid();
        JsonElement job;
        long reported = 0;
        while (true)
        {
            job = await api.GetAsync(Caseworker, $"/api/assessment/imports/{id}", cancellationToken);
            var valid = job.GetProperty("rowsValid").GetInt64();
            progress.Count("people imported", valid - reported);
            reported = valid;
            if (job.GetProperty("status").GetString() is "Completed" or "Failed" or "Cancelled")
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        if (job.GetProperty("status").GetString() != "Completed")
        {
            throw new InvalidOperationException($"The demo county's monitoring import ended {job.GetProperty("status").GetString()}.");
        }

        progress.Count("alerts", job.GetProperty("alertsRaised").GetInt64());
        var (people, refused, alerts) = (job.GetProperty("rowsValid").GetInt64(), job.GetProperty("rowsRejected").GetInt64(), job.GetProperty("alertsRaised").GetInt64());
        logger.Imported(people, households.Count, refused, alerts);

        // The households as the registry lists them (masked), township by township.
        var listed = new List<JsonElement>();
        foreach (var township in _townships)
        {
            for (var page = 1; ; page++)
            {
                var result = await api.GetAsync(Caseworker, $"/api/assessment/households?townshipCode={township.Code}&page={page}&pageSize=200", cancellationToken);
                var items = result.GetProperty("items").EnumerateArray().ToList();
                listed.AddRange(items);
                if (items.Count < 200)
                {
                    break;
                }
            }
        }

        progress.Count("households", listed.Count);
        return listed;
    }

    // ---- 5. Assessments: started and submitted by the village visitor, approved by township staff (a second person).

    private async Task<List<(JsonElement Household, Guid Id)>> AssessAsync(List<JsonElement> households, CancellationToken cancellationToken)
    {
        var instrument = await api.GetAsync(Caseworker, "/api/assessment/instruments/current", cancellationToken);
        var singles = instrument.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("indicators").EnumerateArray())
            .Where(i => !i.GetProperty("multiple").GetBoolean())
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("options")[0].GetProperty("code").GetString()!, StringComparer.Ordinal);
        var chosen = households.Select(h => (Household: h, Random: RandomOf(h)))
            .Where(x => x.Random.NextDouble() < options.AssessedShare).ToList();
        var approved = new List<(JsonElement, Guid)>();
        await ForEachAsync(chosen, async (x, ct) =>
        {
            var h = x.Household;
            var township = county.FindTownship(h.GetProperty("townshipCode").GetString())!;
            var id = h.GetProperty("id").GetGuid();
            var answers = Answers(h, x.Random, singles);
            var started = await api.PostAsync($"visitor-{township.Slug}", $"/api/assessment/households/{id}/assessments", new
            {
                place = "home", visitedAt = time.GetUtcNow().AddHours(-x.Random.Next(2, 72)), answers,
            }, ct);
            var assessment = started.GetProperty("id").GetGuid();
            progress.Count("assessments drafted");
            var fate = x.Random.NextDouble();
            if (fate < 0.07)
            {
                return; // still a draft: the visitor has not finished
            }

            await api.PostAsync($"visitor-{township.Slug}", $"/api/assessment/assessments/{assessment}/submit", null, ct);
            progress.Count("assessments submitted");
            if (fate < 0.15)
            {
                return; // waiting for the township's approval (the 工作台 shows it)
            }

            var decided = await api.PostAsync($"township-{township.Slug}", $"/api/assessment/assessments/{assessment}/approve", null, ct);
            progress.Count($"degree {decided.GetProperty("degree").GetString()}");
            progress.Count("assessments approved");
            lock (approved)
            {
                approved.Add((h, id));
            }
        }, cancellationToken);
        return [.. approved.OrderBy(a => a.Item2)];
    }

    /// <summary>The answers a visitor would give for this household: from its members' ages, disabilities, living alone and category.</summary>
    private static Dictionary<string, string[]> Answers(JsonElement household, Random random, Dictionary<string, string> singles)
    {
        var members = household.GetProperty("members").EnumerateArray().ToList();
        var oldest = members.Max(m => m.GetProperty("age").GetInt32());
        var grades = members.Select(m => m.TryGetProperty("disabilityGrade", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetInt32() : 9).ToList();
        var worstGrade = grades.Min();
        var alone = members.Any(m => m.GetProperty("livingAlone").GetBoolean());
        var children = members.Count(m => m.GetProperty("age").GetInt32() < 18);
        var category = household.GetProperty("categoryName").GetString();
        var answers = singles.ToDictionary(s => s.Key, s => new[] { s.Value }, StringComparer.Ordinal);
        void Set(string indicator, string option)
        {
            if (answers.ContainsKey(indicator))
            {
                answers[indicator] = [option];
            }
        }

        var frailty = (oldest >= 80 ? 1.0 : oldest >= 70 ? 0.5 : 0) + (worstGrade <= 2 ? 1.5 : worstGrade <= 4 ? 0.5 : 0) + (random.NextDouble() * 1.6) - 0.5;
        string[] adl = ["adl-eating", "adl-bathing", "adl-dressing", "adl-toileting", "adl-transfer", "adl-walking"];
        foreach (var (indicator, i) in adl.Select((a, i) => (a, i)))
        {
            var level = frailty - (i is 1 or 5 ? 0 : 0.6);
            Set(indicator, level >= 1.8 ? "dependent" : level >= 0.8 ? "needs-help" : "independent");
        }

        Set("income-level", category is "低保" or "特困供养" ? "below-line" : category == "低保边缘" ? "1-1.5" : random.NextDouble() < 0.5 ? "1-1.5" : "above-1.5");
        Set("rigid-expenses", random.NextDouble() switch { < 0.5 => "under-30", < 0.85 => "30-60", _ => "over-60" });
        Set("debt", random.NextDouble() switch { < 0.7 => "none", < 0.93 => "some", _ => "heavy" });
        Set("chronic-illness", oldest >= 60 ? (random.NextDouble() switch { < 0.35 => "none", < 0.8 => "stable", _ => "frequent" }) : "none");
        Set("mental-state", random.NextDouble() switch { < 0.85 => "normal", < 0.95 => "mild", _ => "moderate" });
        Set("caregiver", alone ? "none" : frailty >= 1.2 ? (random.NextDouble() < 0.5 ? "insufficient" : "available") : "available");
        Set("living-alone", alone ? "yes" : "no");
        Set("school-attendance", children > 0 ? (random.NextDouble() < 0.9 ? "attending" : "at-risk") : "not-applicable");
        Set("education-burden", children > 0 ? (random.NextDouble() < 0.6 ? "moderate" : "heavy") : "none");
        Set("minor-guardianship", children > 0 ? (random.NextDouble() < 0.9 ? "effective" : "weak") : "not-applicable");
        Set("labour-capacity", oldest >= 65 && members.Count <= 2 ? "none" : random.NextDouble() < 0.6 ? "partial" : "full");
        Set("employment-status", oldest >= 65 && members.Count <= 2 ? "not-applicable" : random.NextDouble() switch { < 0.4 => "stable", < 0.8 => "unstable", _ => "unemployed" });
        Set("housing-safety", random.NextDouble() switch { < 0.72 => "safe", < 0.95 => "fair", _ => "unsafe" });
        Set("home-facilities", random.NextDouble() < 0.75 ? "adequate" : "lacking");
        Set("social-contact", alone ? (random.NextDouble() switch { < 0.4 => "normal", < 0.8 => "limited", _ => "isolated" }) : "normal");
        Set("psychological", random.NextDouble() switch { < 0.8 => "good", < 0.96 => "low", _ => "needs-intervention" });

        var requests = new List<string>();
        if (oldest >= 65)
        {
            requests.AddRange(ElderRequests.Where(_ => random.NextDouble() < 0.5));
        }

        if (frailty >= 1.2)
        {
            requests.AddRange(FrailRequests.Where(_ => random.NextDouble() < 0.6));
        }

        if (worstGrade <= 4)
        {
            requests.AddRange(DisabledRequests.Where(_ => random.NextDouble() < 0.4));
        }

        if (children > 0 && random.NextDouble() < 0.4)
        {
            requests.Add("counselling");
        }

        if (random.NextDouble() < 0.15)
        {
            requests.Add(random.NextDouble() < 0.5 ? "resources" : "legal");
        }

        answers["requested-services"] = requests.Count > 0 ? [.. requests.Distinct(StringComparer.Ordinal)] : ["visiting"];
        return answers;
    }

    // ---- 6. Plans: drafted by Delivery from the approved assessment; most approved by the township and matched by the caseworker.

    private async Task<List<(JsonElement Household, Guid Plan)>> PlansAsync(List<(JsonElement Household, Guid Id)> approved, CancellationToken cancellationToken)
    {
        var matched = new List<(JsonElement, Guid)>();
        await ForEachAsync(approved, async (x, ct) =>
        {
            var township = county.FindTownship(x.Household.GetProperty("townshipCode").GetString())!;
            var random = RandomOf(x.Household, 6);
            JsonElement plan = default;
            for (var attempt = 0; attempt < 120; attempt++)
            {
                var plans = await api.GetAsync(Caseworker, $"/api/delivery/households/{x.Id}/plans", ct);
                if (plans.GetArrayLength() > 0)
                {
                    plan = plans[0];
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }

            if (plan.ValueKind == JsonValueKind.Undefined)
            {
                progress.Count("plans not drafted");
                return;
            }

            progress.Count("plans drafted");
            if (random.NextDouble() < 0.12 || plan.GetProperty("lines").GetArrayLength() == 0)
            {
                return; // in the plan queue, waiting for the township
            }

            var id = plan.GetProperty("id").GetGuid();
            await api.PostAsync($"township-{township.Slug}", $"/api/delivery/plans/{id}/approve", null, ct);
            progress.Count("plans approved");
            var result = await api.PostAsync(Caseworker, $"/api/delivery/plans/{id}/match", null, ct);
            var lines = result.GetProperty("lines").EnumerateArray().ToList();
            var withProvider = lines.Count(l => l.TryGetProperty("providerId", out var p) && p.ValueKind == JsonValueKind.String);
            progress.Count("plan lines matched", withProvider);
            progress.Count("plan lines unmatched", lines.Count - withProvider);
            lock (matched)
            {
                matched.Add((x.Household, id));
            }
        }, cancellationToken);
        return [.. matched.OrderBy(m => m.Item2)];
    }

    // ---- 7. Delivery: the current period's orders scheduled and delivered (check-in, check-out with the record; the caseworker for the
    // provider's worker, as the demo has no staff accounts of these providers), confirmed by the township with satisfaction; complaints, referrals.

    private async Task<bool> DeliverAsync(List<(JsonElement Household, Guid Plan)> matched, List<(JsonElement Household, Guid Id)> approved, CancellationToken cancellationToken)
    {
        var day = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ForEachAsync(matched, async (x, ct) =>
        {
            var random = RandomOf(x.Household, 7);
            if (random.NextDouble() >= options.DeliveredShare)
            {
                return;
            }

            var township = county.FindTownship(x.Household.GetProperty("townshipCode").GetString())!;
            var staff = $"township-{township.Slug}";
            var id = x.Household.GetProperty("id").GetGuid();
            List<JsonElement> orders = [];
            for (var attempt = 0; attempt < 60 && orders.Count == 0; attempt++)
            {
                orders = [.. (await api.GetAsync(Caseworker, $"/api/delivery/work-orders?householdId={id}", ct)).EnumerateArray()
                    .Where(o => o.GetProperty("status").GetString() == "Assigned" && Due(o))];
                if (orders.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
            }

            Guid? complainedOf = null;
            foreach (var order in orders.OrderBy(o => o.GetProperty("id").GetGuid()))
            {
                var orderId = order.GetProperty("id").GetGuid();
                await api.PostAsync(Caseworker, $"/api/delivery/work-orders/{orderId}/schedule", new { on = day }, ct);
                var (latitude, longitude) = (31.39 + (random.NextDouble() * 0.2) - 0.1, 116.33 + (random.NextDouble() * 0.2) - 0.1);
                await api.PostAsync(Caseworker, $"/api/delivery/work-orders/{orderId}/check-in", new { latitude, longitude }, ct);
                await api.PostAsync(Caseworker, $"/api/delivery/work-orders/{orderId}/check-out", new
                {
                    units = order.GetProperty("units").GetInt32(), record = "按服务标准上门完成服务，服务对象在家", staff = new[] { $"S-{random.Next(100, 999)}" },
                    evidence = new[] { $"PH-{orderId:N}"[..16] }, place = "home", latitude = latitude + 0.0001, longitude,
                }, ct);
                progress.Count("orders delivered");
                if (random.NextDouble() < 0.9)
                {
                    await api.PostAsync(staff, $"/api/delivery/work-orders/{orderId}/confirm", new { satisfaction = int.Parse(Satisfaction[random.Next(Satisfaction.Length)], CultureInfo.InvariantCulture) }, ct);
                    progress.Count("orders confirmed");
                }

                complainedOf ??= random.NextDouble() < 0.05 ? orderId : null;
            }

            if (complainedOf is { } complained)
            {
                var (category, text) = Complaints[random.Next(Complaints.Length)];
                var taken = await api.PostAsync(staff, "/api/delivery/complaints", new { householdId = id, workOrderId = complained, category, description = text }, ct);
                progress.Count("complaints");
                if (random.NextDouble() < 0.5)
                {
                    var complaint = taken.GetProperty("id").GetGuid();
                    await api.PostAsync(staff, $"/api/delivery/complaints/{complaint}/assign", new { assignTo = $"{township.Name}社会救助服务中心" }, ct);
                    await api.PostAsync(staff, $"/api/delivery/complaints/{complaint}/resolve", new { resolution = "已约谈服务机构并整改，回访满意" }, ct);
                    progress.Count("complaints resolved");
                }
            }
        }, cancellationToken);

        await ForEachAsync(approved.Where(a => RandomOf(a.Household, 8).NextDouble() < 0.05).ToList(), async (x, ct) =>
        {
            var random = RandomOf(x.Household, 9);
            var (department, need) = Referrals[random.Next(Referrals.Length)];
            var sent = await api.PostAsync(Caseworker, "/api/delivery/referrals", new { householdId = x.Id, department, need }, ct);
            progress.Count("referrals");
            if (random.NextDouble() < 0.5)
            {
                await api.PostAsync(Caseworker, $"/api/delivery/referrals/{sent.GetProperty("id").GetGuid()}/accept", null, ct);
                progress.Count("referrals accepted");
            }
        }, cancellationToken);
        return true;
    }

    // ---- 8. The year before: services from the county's records, migrated in batches (each batch's reference follows from the seed).

    private DateOnly HistoryStarts => new DateOnly(_today.Year, _today.Month, 1).AddMonths(-options.HistoryMonths);

    /// <summary>Records per migration batch (a batch is written whole or not at all).</summary>
    private const int HistoryBatch = 500;

    private async Task<bool> HistoryAsync(
        IReadOnlyList<CatalogueItem> catalogue, IReadOnlyList<DemoProvider> providers, List<(JsonElement Household, Guid Id)> approved, CancellationToken cancellationToken)
    {
        var priced = catalogue.Where(i => i.UnitPrice is not null).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var records = new List<object>();
        foreach (var (household, id) in approved)
        {
            var random = RandomOf(household, 10);
            var township = household.GetProperty("townshipCode").GetString()!;
            var offers = providers.Where(p => p.Townships.Contains(township)).SelectMany(p => p.Items.Where(priced.Contains).Select(item => (Provider: p.Id, Item: item)))
                .ToList();
            if (random.NextDouble() >= options.HistoryShare || offers.Count == 0)
            {
                continue;
            }

            var (provider, item) = offers[random.Next(offers.Count)];
            for (var month = HistoryStarts; month < new DateOnly(_today.Year, _today.Month, 1); month = month.AddMonths(1))
            {
                var confirmed = random.NextDouble() < 0.9;
                records.Add(new
                {
                    householdId = id, itemCode = item, providerId = provider.ToString(),
                    deliveredOn = month.AddDays(random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), units = 1 + random.Next(2),
                    minutes = 45 + random.Next(76), confirmed,
                    satisfaction = confirmed ? int.Parse(Satisfaction[random.Next(Satisfaction.Length)], CultureInfo.InvariantCulture) : (int?)null,
                });
            }
        }

        await ForEachAsync(records.Chunk(HistoryBatch).Select((batch, n) => (Batch: batch, Number: n + 1)).ToList(), async (x, ct) =>
        {
            await api.PostAsync(Admin, "/api/delivery/service-history",
                new { sourceReference = $"DEMO-{options.SeedNumber}-{options.Households}-{HistoryStarts:yyyyMM}-{x.Number:D3}", records = x.Batch }, ct);
            progress.Count("history records", x.Batch.Length);
        }, cancellationToken);
        return true;
    }

    // ---- Helpers

    /// <summary>An order of this period or an earlier one (a recurring line's next period is made ahead, and waits); a one-off order is due.</summary>
    private bool Due(JsonElement order) =>
        !order.TryGetProperty("periodStarts", out var starts) || starts.ValueKind != JsonValueKind.String
        || DateOnly.Parse(starts.GetString()![..10], CultureInfo.InvariantCulture) <= _today;

    /// <summary>A household's own random choices: from the seed and what the registry shows of it (the same file gives the same households).</summary>
    private Random RandomOf(JsonElement household, int purpose = 5)
    {
        var key = new StringBuilder(household.GetProperty("villageCode").GetString()).Append('|').Append(household.GetProperty("category").GetString());
        foreach (var member in household.GetProperty("members").EnumerateArray())
        {
            key.Append('|').Append(member.GetProperty("idNumber").GetString()).Append(member.GetProperty("age").GetInt32());
        }

        var hash = 14695981039346656037UL;
        foreach (var c in key.ToString())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new Random(HashCode.Combine(options.SeedNumber, purpose, (long)hash));
    }

    private Task ForEachAsync<T>(IEnumerable<T> source, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (x, ct) =>
            {
                try
                {
                    await body(x, ct);
                }
                catch (DemoCountyException e)
                {
                    // One refused call spoils one household's or provider's story, not the county: said, counted, and the rest goes on.
                    progress.Count("calls refused");
                    if (progress["calls refused"] <= 20)
                    {
                        logger.CallRefused(e.Message);
                    }
                }
            });

    private static async Task RetryAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (DemoCountyException e) when (e.Status == HttpStatusCode.BadRequest && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}

public sealed record CatalogueItem(string Code, IReadOnlyList<string> ProviderKinds, decimal? UnitPrice);

public sealed record DemoProvider(Guid Id, string Kind, IReadOnlyList<string> Townships, IReadOnlyList<string> Items);
