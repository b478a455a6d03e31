using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (c) The monitoring import against a plain binary COPY of the same rows, and (d) the needs ledger at a million
/// households through the gateway.
/// </summary>
internal static class ImportBenchmark
{
    private static readonly string[] Townships = ["341525100", "341525101", "341525102", "341525103", "341525104", "341525105", "341525106", "341525107"];
    private static readonly string[] Categories = ["低保", "特困供养", "低保边缘", "刚性支出困难", "防返贫监测对象"];
    private static readonly string[] Relationships = ["配偶", "子女", "父母"];

    public sealed record Person(string HouseholdRef, string IdNumber, string Name, string Relationship, string Township, string Village, string Category,
        decimal Income, decimal? Medical, bool LivingAlone, string Signals);

    /// <summary>Deterministic people in households of 1–4; about 3 % raise an alert.</summary>
    /// <param name="serials">Added to the ID numbers' serials, and <paramref name="prefix"/> begins the household numbers: the same
    /// rows for other people (ID numbers and households another run does not have), so two imports of them do the same work.</param>
    public static IEnumerable<Person> People(int count, int serials = 0, string prefix = "B")
    {
        var random = new Random(20261128);
        var household = 0;
        for (var i = 0; i < count; household++)
        {
            var size = random.Next(1, 5);
            var township = Townships[household % Townships.Length];
            var village = township + (201 + household % 6).ToString(CultureInfo.InvariantCulture); // 201–206: the villages County:Townships lists
            var category = Categories[household % Categories.Length];
            var income = 300 + random.Next(0, 1500);
            for (var m = 0; m < size && i < count; m++, i++)
            {
                var birth = new DateOnly(1935, 1, 1).AddDays(i % 30_000);
                var id = IdNumber.Compose("341525", birth, (i / 30_000 + serials) % 1000);
                var alone = size == 1 && random.Next(0, 10) == 0;
                yield return new Person(
                    $"{prefix}{household:D8}", id, "张" + (char)(0x4E00 + i % 2000), m == 0 ? "户主" : Relationships[m % 3], township, village, category,
                    income, random.Next(0, 50) == 0 ? income * 8 : null, alone, random.Next(0, 200) == 0 ? "住院" : "");
            }
        }
    }

    private static readonly string[] Header = ["户编号", "身份证号", "姓名", "与户主关系", "乡镇代码", "村代码", "类别", "月人均收入", "年医疗支出", "独居", "风险信号"];

    public static async Task<string> WriteCsvAsync(int count, int serials = 0, string prefix = "B")
    {
        var path = Path.Combine(Path.GetTempPath(), $"relief-bench-{prefix}-{count}.csv");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(string.Join(',', Header));
        foreach (var p in People(count, serials, prefix))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{p.HouseholdRef},{p.IdNumber},{p.Name},{p.Relationship},{p.Township},{p.Village},{p.Category},{p.Income},{p.Medical},{(p.LivingAlone ? "是" : "否")},{p.Signals}"));
        }

        return path;
    }

    /// <summary>
    /// The same rows as a workbook as a county receives one (MiniExcel, streamed to disk): a title row above the header,
    /// amounts as Excel numbers, ID numbers and codes as text.
    /// </summary>
    public static string WriteXlsx(int count, int serials, string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"relief-bench-{prefix}-{count}.xlsx");
        var columns = Enumerable.Range(0, Header.Length).Select(i => ((char)('A' + i)).ToString()).ToArray();
        IEnumerable<object?[]> Rows()
        {
            yield return ["霍山县低收入人口动态监测名单（基准测试）"];
            yield return Header;
            foreach (var p in People(count, serials, prefix))
            {
                yield return [p.HouseholdRef, p.IdNumber, p.Name, p.Relationship, p.Township, p.Village, p.Category, p.Income, p.Medical, p.LivingAlone ? "是" : "否", p.Signals];
            }
        }

        File.Delete(path);
        MiniExcelLibs.MiniExcel.SaveAs(path, Rows().Select(r => columns.Select((c, i) => (c, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.v)), printHeader: false);
        return path;
    }

    /// <summary>
    /// Rows per second of a binary COPY of the same people into a person table with a unique blind index (an HMAC,
    /// so random like the registry's) and a township index. Rows and their index values are prepared before the clock starts.
    /// </summary>
    public static async Task<double> CopyRowsPerSecondAsync(string connectionString, int count)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        // The same index form as the registry's: the first 128 bits of an HMAC-SHA256, base64url.
        var people = People(count).Select(p => (Person: p, Index: System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(p.IdNumber)).AsSpan(0, 16)))).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_person;
            CREATE TABLE bench_person (household_ref varchar(40), id_index varchar(64), id_number varchar(64), name varchar(200), relationship varchar(20), township varchar(9),
              village varchar(12), category varchar(40), income numeric(12,2), medical numeric(12,2), living_alone boolean, signals text);
            CREATE UNIQUE INDEX ON bench_person (id_index);
            CREATE INDEX ON bench_person (township);
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY bench_person FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (p, index) in people)
            {
                writer.StartRow();
                writer.Write(p.HouseholdRef, NpgsqlDbType.Varchar);
                writer.Write(index, NpgsqlDbType.Varchar);
                writer.Write(p.IdNumber, NpgsqlDbType.Varchar);
                writer.Write(p.Name, NpgsqlDbType.Varchar);
                writer.Write(p.Relationship, NpgsqlDbType.Varchar);
                writer.Write(p.Township, NpgsqlDbType.Varchar);
                writer.Write(p.Village, NpgsqlDbType.Varchar);
                writer.Write(p.Category, NpgsqlDbType.Varchar);
                writer.Write(p.Income, NpgsqlDbType.Numeric);
                if (p.Medical is { } medical)
                {
                    writer.Write(medical, NpgsqlDbType.Numeric);
                }
                else
                {
                    writer.WriteNull();
                }

                writer.Write(p.LivingAlone, NpgsqlDbType.Boolean);
                writer.Write(p.Signals, NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        await using var drop = new NpgsqlCommand("DROP TABLE bench_person", connection);
        await drop.ExecuteNonQueryAsync();
        return rate;
    }

    /// <summary>Uploads the file through the gateway and waits for the background import to finish: rows per second end to end.</summary>
    public static async Task<(double RowsPerSecond, double UploadSeconds, double ProcessingRowsPerSecond, JsonElement Job)> ImportRowsPerSecondAsync(
        HttpClient gateway, string path, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 1 << 20);
        var workbook = path.EndsWith(".xlsx", StringComparison.Ordinal);
        content.Headers.ContentType = new MediaTypeHeaderValue(workbook ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        var response = await gateway.PostAsync($"/api/assessment/imports?fileName=bench{Path.GetExtension(path)}", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload refused: {body}");
        }

        var id = body.GetProperty("id").GetGuid();
        while (true)
        {
            await Task.Delay(500);
            var job = await gateway.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{id}");
            if (job.GetProperty("status").GetString() is "Completed" or "Failed")
            {
                var processing = (job.GetProperty("finishedAt").GetDateTimeOffset() - job.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
                return (count / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds - processing, count / processing, job);
            }
        }
    }

    /// <summary>Tops the registry up to a million households with assessed-looking rows, set-based in SQL.</summary>
    public static async Task FillToAsync(string connectionString, int households)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var fill = new NpgsqlCommand("""
            INSERT INTO households ("Id", "TownshipCode", "VillageCode", "Category", "MemberCount", "Status", "RegisteredAt", "DifficultyTypes", "NeedCodes",
                                    "Degree", "AssessedOn", "ReassessmentDueOn", "HeadMaskedName", "HeadMaskedIdNumber")
            SELECT gen_random_uuid(), t, t || lpad((200 + g % 40)::text, 3, '0'),
                   (ARRAY['MinimumLivingGuarantee','DestituteSupport','MarginalLowIncome','RigidExpenditureHardship','PovertyRelapseMonitoring'])[1 + g % 5],
                   1 + g % 4, 'Active', now() - (g % 1000) * interval '1 hour',
                   CASE g % 4 WHEN 0 THEN ARRAY['disability-care','self-care'] WHEN 1 THEN ARRAY['economic','social-integration']
                              WHEN 2 THEN ARRAY['guardianship-gap','economic'] ELSE ARRAY['self-care','economic'] END,
                   CASE g % 4 WHEN 0 THEN ARRAY['care','meal-assistance'] WHEN 1 THEN ARRAY['resource-linking','counselling']
                              WHEN 2 THEN ARRAY['visiting','resource-linking'] ELSE ARRAY['meal-assistance','cleaning'] END,
                   (ARRAY['General','Serious','Severe'])[1 + g % 3], current_date - (g % 365), current_date - 30 + (g % 400), '张*', '341525********1234'
            FROM generate_series(1, $1) g, LATERAL (SELECT '3415251' || lpad((g % 16)::text, 2, '0') AS t) township
            """, connection) { CommandTimeout = 0 };
        await using var count = new NpgsqlCommand("SELECT count(*) FROM households", connection);
        var existing = (long)(await count.ExecuteScalarAsync())!;
        fill.Parameters.AddWithValue((int)Math.Max(0, households - existing));
        await fill.ExecuteNonQueryAsync();
        // What autovacuum does on a live system after a bulk load: the visibility map lets the ledger read from its indexes alone.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE households", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until the import's events are published and the consumers are quiet, so the ledger is measured alone.</summary>
    public static async Task SettleAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL", connection);
        while ((long)(await pending.ExecuteScalarAsync())! > 0)
        {
            await Task.Delay(1000);
        }

        await Task.Delay(TimeSpan.FromSeconds(20));

        // The reassessment sweep announces what fell due among the new rows, updating them in batches; once it is
        // done, vacuum as the households table's autovacuum (tuned to 1 % dead rows) soon would, so the ledger reads
        // from its indexes and not from pages the sweep left unmarked.
        await using var updates = new NpgsqlCommand(
            "SELECT n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname = 'households'", connection);
        var last = -1L;
        while (true)
        {
            var now = (long)(await updates.ExecuteScalarAsync())!;
            if (now == last)
            {
                break;
            }

            last = now;
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE households", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();

        // Delivery and the township centre are still taking in the imported households from their queues: measure
        // the ledger once the machine is quiet (under 15 % busy for two 2-second windows), at most 10 minutes on.
        var quiet = 0;
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (quiet < 2 && DateTime.UtcNow < deadline)
        {
            quiet = await BusyShareAsync(TimeSpan.FromSeconds(2)) < 0.15 ? quiet + 1 : 0;
        }
    }

    /// <summary>The share of the machine's CPU time spent busy over <paramref name="window"/> (Linux /proc/stat).</summary>
    private static async Task<double> BusyShareAsync(TimeSpan window)
    {
        static (long Busy, long Total) Read()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return (total - idle, total);
        }

        var before = Read();
        await Task.Delay(window);
        var after = Read();
        return (double)(after.Busy - before.Busy) / Math.Max(1, after.Total - before.Total);
    }

    /// <summary>Latency percentiles of ledger pages through the gateway, one caller at a time.</summary>
    public static async Task<(double P50, double P95)> LedgerLatencyAsync(HttpClient gateway, string query, int requests)
    {
        var timings = new List<double>(requests);
        for (var i = 0; i < requests + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await gateway.GetAsync($"/api/assessment/ledger?{query}&page={1 + i % 5}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 10)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        return (timings[timings.Count / 2], timings[(int)(timings.Count * 0.95)]);
    }
}
