using System.Text;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Imports;

namespace ReliefPlatform.UnitTests.Assessment;

/// <summary>Which mapping reads a file nobody chose one for: a saved profile that covers its header, else the standard names.</summary>
public sealed class ImportProfileChoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    // The provincial platform's export: names the standard mapping reads (户号, 身份证号码, 乡镇 …), its own words (低保户).
    private static readonly string?[] Provincial = ["序号", "户号", "姓名", "身份证号码", "与户主关系", "乡镇", "村（社区）", "人员类别"];

    private static readonly string?[] Platform = ["户编号", "身份证号", "姓名", "与户主关系", "乡镇代码", "村代码", "类别", "月人均收入", "独居"];

    private static ImportProfile Profile(string name, DateTimeOffset at, params (string Header, MonitoringField Field)[] columns) =>
        ImportProfile.Save(Guid.CreateVersion7(at), name, 1, columns.ToDictionary(c => c.Header, c => c.Field),
            new Dictionary<MonitoringField, IReadOnlyDictionary<string, string>> { [MonitoringField.Category] = new Dictionary<string, string> { ["低保户"] = "低保" } },
            "clerk", at);

    private static ImportProfile ProvincialProfile(DateTimeOffset at) => Profile("省监测平台导出", at,
        ("户号", MonitoringField.HouseholdRef), ("姓名", MonitoringField.Name), ("身份证号码", MonitoringField.IdNumber), ("与户主关系", MonitoringField.Relationship),
        ("乡镇", MonitoringField.TownshipCode), ("村（社区）", MonitoringField.VillageCode), ("人员类别", MonitoringField.Category));

    [Fact]
    public void A_saved_profile_whose_columns_are_the_files_reads_it_by_itself_even_where_the_standard_names_would()
    {
        var saved = ProvincialProfile(Now);
        string?[]?[] rows = [["霍山县低收入人口动态监测名单"], Provincial, ["1", "HS1", "孙桂英", "341525195005010214", "户主", "衡山镇", "衡山一村", "低保户"]];

        // The standard names alone read this header too — but leave 低保户 as it is, which the registry refuses.
        Assert.Equal(1, MonitoringSheet.FindHeader(rows, ImportMapping.Standard).Row);

        var chosen = ImportReading.Choose(rows, [saved]);

        Assert.Same(saved, chosen.Profile);
        Assert.Equal("低保", chosen.Mapping.Value(MonitoringField.Category, "低保户"));
        Assert.Equal((1, 1), (chosen.Header.Row, chosen.Header.Rows));
    }

    [Fact]
    public void The_platforms_own_header_stays_with_the_standard_names_when_no_profile_covers_it()
    {
        string?[]?[] rows = [Platform];
        // Its names are all in the header, but it would drop 月人均收入 and 独居, which the standard names read.
        var partial = Profile("只有必需列", Now,
            ("户编号", MonitoringField.HouseholdRef), ("姓名", MonitoringField.Name), ("身份证号", MonitoringField.IdNumber), ("与户主关系", MonitoringField.Relationship),
            ("乡镇代码", MonitoringField.TownshipCode), ("村代码", MonitoringField.VillageCode), ("类别", MonitoringField.Category));

        var chosen = ImportReading.Choose(rows, [ProvincialProfile(Now), partial]);

        Assert.Null(chosen.Profile);
        Assert.Same(ImportMapping.Standard, chosen.Mapping);
        Assert.Equal(Platform.Length, chosen.Header.Columns.Count(c => c >= 0));
    }

    [Fact]
    public void Of_two_covering_profiles_the_one_naming_more_columns_wins_and_a_profile_naming_a_column_the_file_lacks_does_not_cover()
    {
        string?[]?[] rows = [[.. Provincial, "月收入"]];
        var older = ProvincialProfile(Now.AddDays(-1));
        var fuller = Profile("省监测平台导出（含收入）", Now.AddDays(-2), [.. ColumnsOf(older), ("月收入", MonitoringField.MonthlyIncome)]);
        var wider = Profile("另一来源", Now, [.. ColumnsOf(older), ("月收入", MonitoringField.MonthlyIncome), ("独居", MonitoringField.LivingAlone)]);

        // older does not read 月收入, which the standard names read; wider names 独居, which the file lacks.
        Assert.Same(fuller, ImportReading.Choose(rows, [wider, older, fuller]).Profile);
        Assert.Null(ImportReading.Choose(rows, [wider, older]).Profile);
    }

    [Fact]
    public void A_header_the_standard_names_do_not_read_falls_back_to_the_newest_profile_that_finds_it()
    {
        string?[]?[] rows = [["家庭编码", "持证人", "公民身份证号", "关系", "所在乡镇", "所在村", "救助属性"]];
        (string, MonitoringField)[] columns =
        [
            ("家庭编码", MonitoringField.HouseholdRef), ("持证人", MonitoringField.Name), ("公民身份证号", MonitoringField.IdNumber), ("关系", MonitoringField.Relationship),
            ("所在乡镇", MonitoringField.TownshipCode), ("所在村", MonitoringField.VillageCode), ("救助属性", MonitoringField.Category),
        ];
        var newer = Profile("残联名单（含等级）", Now, [.. columns, ("残疾等级", MonitoringField.DisabilityGrade)]);
        var older = Profile("残联名单", Now.AddDays(-3), columns);

        // older covers the file; newer names a column the file lacks but still finds the header.
        Assert.Same(older, ImportReading.Choose(rows, [newer, older]).Profile);
        Assert.Same(newer, ImportReading.Choose(rows, [newer]).Profile);
        Assert.Throws<ImportFileException>(() => ImportReading.Choose(rows, []));
    }

    private static (string, MonitoringField)[] ColumnsOf(ImportProfile profile) => [.. profile.ColumnFields().Select(c => (c.Key, c.Value))];
}
