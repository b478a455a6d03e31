using System.Text;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class MonitoringRowParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly CountyOptions County = new()
    {
        Code = "341525",
        Name = "霍山县",
        Townships =
        [
            new ServiceDefaults.County.Township
            {
                Code = "341525100", Name = "衡山镇", Slug = "hengshan",
                Villages = [new Village { Code = "341525100201", Name = "衡山一村" }, new Village { Code = "341525100001", Name = "衡山第一社区" }],
            },
        ],
    };

    private static readonly string Elder = IdNumber.Compose("341525", new DateOnly(1950, 5, 1), 21);

    private static string?[] Fields(params (MonitoringField Field, string Value)[] values)
    {
        var fields = new string?[MonitoringFields.Count];
        fields[(int)MonitoringField.HouseholdRef] = "HS001";
        fields[(int)MonitoringField.IdNumber] = Elder;
        fields[(int)MonitoringField.Name] = "孙桂英";
        fields[(int)MonitoringField.Relationship] = "户主";
        fields[(int)MonitoringField.TownshipCode] = "341525100";
        fields[(int)MonitoringField.VillageCode] = "341525100201";
        fields[(int)MonitoringField.Category] = "低保";
        foreach (var (field, value) in values)
        {
            fields[(int)field] = value;
        }

        return fields;
    }

    [Fact]
    public void A_complete_row_is_read_with_its_signals_amounts_and_flags()
    {
        var errors = new List<RowError>();
        var row = new MonitoringRowParser(County, Today).Parse(7, Fields(
            (MonitoringField.MonthlyIncome, "650.50"), (MonitoringField.LivingAlone, "是"), (MonitoringField.RiskSignals, "住院；大病"),
            (MonitoringField.DisabilityType, "肢体残疾"), (MonitoringField.DisabilityGrade, "二级")), errors);

        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Equal((650.50m, true, DisabilityType.Physical, 2), (row.MonthlyIncome, row.LivingAlone, row.DisabilityType!.Value, row.DisabilityGrade!.Value));
        Assert.Equal(["hospitalised", "major-illness"], row.RiskSignals);
        Assert.Equal(HouseholdCategory.MinimumLivingGuarantee, row.Category);
    }

    [Theory]
    [InlineData("失业", EmploymentStatus.Unemployed)]
    [InlineData("无业", EmploymentStatus.Unemployed)]
    [InlineData("灵活就业", EmploymentStatus.FlexiblyEmployed)]
    [InlineData("Employed", EmploymentStatus.Employed)]
    public void An_employment_status_is_read_by_its_name_a_common_other_name_or_its_code(string text, EmploymentStatus status)
    {
        var errors = new List<RowError>();
        var row = new MonitoringRowParser(County, Today).Parse(4, Fields((MonitoringField.EmploymentStatus, text)), errors);

        Assert.Empty(errors);
        Assert.Equal(status, row!.EmploymentStatus);
    }

    [Fact]
    public void An_empty_employment_status_leaves_the_registrys_and_an_unknown_one_is_refused_for_its_row()
    {
        var errors = new List<RowError>();
        var parser = new MonitoringRowParser(County, Today);

        Assert.Null(parser.Parse(4, Fields(), errors)!.EmploymentStatus);
        Assert.Null(parser.Parse(5, Fields((MonitoringField.EmploymentStatus, "摸鱼")), errors));
        var error = Assert.Single(errors);
        Assert.Equal((5L, "就业状况"), (error.Line, error.Field));
        Assert.Equal("就业状况应为：在业、灵活就业、务农、失业、退休、在校学生、丧失劳动能力之一。", error.Message);
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_reported_with_its_line_and_the_row_is_not_taken()
    {
        var errors = new List<RowError>();
        var row = new MonitoringRowParser(County, Today).Parse(12, Fields(
            (MonitoringField.IdNumber, "341525195005010000"), (MonitoringField.VillageCode, "341525101211"), (MonitoringField.MonthlyIncome, "-5"),
            (MonitoringField.LivingAlone, "也许"), (MonitoringField.RiskSignals, "中彩票")), errors);

        Assert.Null(row);
        Assert.All(errors, e => Assert.Equal(12, e.Line));
        Assert.Equal(["身份证号", "村代码", "月人均收入", "独居", "风险信号"], errors.Select(e => e.Field));
        Assert.DoesNotContain(errors, e => e.Message.Contains("341525195005010000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_village_code_the_county_does_not_list_for_the_township_is_refused_with_its_line()
    {
        var errors = new List<RowError>();
        var row = new MonitoringRowParser(County, Today).Parse(9, Fields((MonitoringField.VillageCode, "341525100299")), errors);

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal((9L, "村代码", "村（社区）代码“341525100299”不是衡山镇的村（社区）。"), (error.Line, error.Field, error.Message));
    }

    private static readonly (string Code, string Name)[] Policies = [("long-term-care-insurance", "长期护理保险"), ("disability-allowances", "残疾人两项补贴")];

    [Fact]
    public void Existing_policies_are_read_by_name_or_code_an_unknown_one_refuses_the_row_and_a_file_without_the_column_says_nothing()
    {
        var errors = new List<RowError>();
        var row = new MonitoringRowParser(County, Today, Policies).Parse(3, Fields((MonitoringField.Benefits, "残疾人两项补贴、long-term-care-insurance")), errors);
        Assert.Empty(errors);
        Assert.Equal(["disability-allowances", "long-term-care-insurance"], row!.Benefits);

        Assert.Empty(new MonitoringRowParser(County, Today, Policies).Parse(4, Fields((MonitoringField.Benefits, "")), errors)!.Benefits!);
        Assert.Null(new MonitoringRowParser(County, Today, Policies).Parse(5, Fields(), errors)!.Benefits);

        Assert.Null(new MonitoringRowParser(County, Today, Policies).Parse(6, Fields((MonitoringField.Benefits, "长期护理保险、高龄补贴")), errors));
        var error = Assert.Single(errors);
        Assert.Equal((6L, "现有政策"), (error.Line, error.Field));
        Assert.StartsWith("现有政策“高龄补贴”不存在；可选：长期护理保险、残疾人两项补贴", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_fields_follow_RFC_4180_quoting_and_an_open_quote_is_refused()
    {
        var fields = new List<string>();
        Assert.True(CsvFields.TrySplit("a,\"b,c\",\"d \"\"e\"\"\",", fields));
        Assert.Equal(["a", "b,c", "d \"e\"", ""], fields);
        Assert.False(CsvFields.TrySplit("a,\"b", fields));
    }

    [Fact]
    public void A_header_in_Chinese_or_English_maps_columns_and_a_missing_required_column_stops_the_file()
    {
        var columns = ImportRowReader.MapHeader("\uFEFF姓名,idNumber,户编号,与户主关系,乡镇代码,村（社区）代码,救助类别,备注");
        Assert.Equal(0, columns[(int)MonitoringField.Name]);
        Assert.Equal(5, columns[(int)MonitoringField.VillageCode]);
        Assert.Equal(-1, columns[(int)MonitoringField.MonthlyIncome]);

        var ex = Assert.Throws<ImportFileException>(() => ImportRowReader.MapHeader("姓名,身份证号"));
        Assert.Equal("文件缺少必需的列：户编号、与户主关系、乡镇代码、村代码、类别。", ex.Message);
    }

    [Fact]
    public async Task Lines_carry_their_number_and_the_offset_to_resume_after_them_across_chunk_boundaries()
    {
        var bytes = Encoding.UTF8.GetBytes("表头\r\n第一行\n\n第三行");
        var chunks = new[] { bytes.AsMemory(0, 5), bytes.AsMemory(5, 7), bytes.AsMemory(12) }.ToAsyncEnumerable();

        var lines = await ImportLines.ReadAsync(chunks.Select(c => (ReadOnlyMemory<byte>)c), 0, 1).ToListAsync();

        Assert.Equal(["表头", "第一行", "", "第三行"], lines.Select(l => Encoding.UTF8.GetString(l.Bytes.Span)));
        Assert.Equal([1L, 2, 3, 4], lines.Select(l => l.Number));
        Assert.Equal(bytes.Length, lines[^1].EndOffset);
        Assert.Equal("第一行\n\n第三行", Encoding.UTF8.GetString(bytes.AsSpan((int)lines[0].EndOffset)));
    }

    [Fact]
    public void The_encoding_is_recognised_as_UTF8_or_GBK_and_anything_else_is_not_guessed()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = "户编号,姓名\nHS1,欧阳秀兰\n";
        Assert.Equal("utf-8", ImportLines.Detect(Encoding.UTF8.GetBytes(text)));
        Assert.Equal("gbk", ImportLines.Detect(Encoding.GetEncoding(936).GetBytes(text)));
        Assert.Null(ImportLines.Detect([0x80, 0xFF, 0xFF, 0x0A]));
    }

    [Fact]
    public void An_import_job_moves_only_along_its_allowed_paths()
    {
        var now = DateTimeOffset.UtcNow;
        var job = ImportJob.Queue(Guid.NewGuid(), "a.csv", ImportFormat.Csv, "utf-8", 10, "x", "u", now);
        job.Cancel(now);
        Assert.Equal(ImportJobStatus.Cancelled, job.Status);
        job.Resume(now, TimeSpan.FromDays(7));
        Assert.Equal(ImportJobStatus.Queued, job.Status);
        Assert.Throws<InvalidOperationException>(() => job.Resume(now, TimeSpan.FromDays(7)));
        Assert.Throws<InvalidOperationException>(() => job.RequireRollbackAllowed(now, TimeSpan.FromDays(7)));
    }
}
