using System.Text;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class MappingSuggestionTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly CountyOptions County = new()
    {
        Code = "341525",
        Name = "霍山县",
        Townships =
        [
            new ServiceDefaults.County.Township
            {
                Code = "341525100", Name = "衡山镇", Slug = "hengshan",
                Villages = [new Village { Code = "341525100201", Name = "衡山一村" }],
            },
        ],
    };

    private static readonly string Id1 = IdNumber.Compose("341525", new DateOnly(1950, 5, 1), 21);
    private static readonly string Id2 = IdNumber.Compose("341525", new DateOnly(1980, 2, 3), 33);

    [Fact]
    public void Columns_are_suggested_by_their_names_and_where_the_names_say_nothing_by_their_values()
    {
        string?[] names = ["序号", "户主身份证", "镇", "编码", "X1", "X2", "人员属性"];
        IReadOnlyList<string>[] samples =
        [
            ["1", "2"], ["甲", "乙"], ["衡山镇", "衡山镇"], ["HS1", "HS2"], [Id1, Id2], ["衡山一村", "衡山一村"], ["低保户", "五保户"],
        ];

        var suggested = MappingSuggestion.Columns(names, samples, County, Today).ToDictionary(s => s.Column, s => (s.Field, s.By));

        // A name decides before values do, and no field is suggested for two columns: 户主身份证 is taken for the ID number
        // (its values, wrong here, are for the clerk to see in the preview), so the column of valid ID numbers is not.
        Assert.Equal((MonitoringField.IdNumber, "name"), suggested[1]);
        Assert.DoesNotContain(4, suggested.Keys);
        Assert.Equal((MonitoringField.VillageCode, "values"), suggested[5]);
        Assert.Equal((MonitoringField.Category, "name"), suggested[6]);
        Assert.DoesNotContain(0, suggested.Keys);
        // 镇 alone is no keyword, but its values are the county's townships.
        Assert.Equal((MonitoringField.TownshipCode, "values"), suggested[2]);
        Assert.DoesNotContain(3, suggested.Keys);
    }

    [Fact]
    public void A_township_column_with_a_plain_name_is_found_by_the_county_township_names_in_it()
    {
        string?[] names = ["所在地", "证件"];
        IReadOnlyList<string>[] samples = [["衡山镇", "衡山", "衡山镇"], [Id1, Id2]];

        var suggested = MappingSuggestion.Columns(names, samples, County, Today);

        Assert.Contains(new SuggestedColumn(0, MonitoringField.TownshipCode, "values"), suggested);
        Assert.Contains(new SuggestedColumn(1, MonitoringField.IdNumber, "values"), suggested);
    }

    [Fact]
    public void Words_the_registry_does_not_read_are_listed_with_the_known_translation_or_none()
    {
        var words = MappingSuggestion.Words(MonitoringField.Category, ["低保", "低保户", "五保户", "困难户"]);

        Assert.Equal(new Dictionary<string, string?> { ["低保户"] = "低保", ["五保户"] = "特困供养", ["困难户"] = null }, words);
        Assert.Empty(MappingSuggestion.Words(MonitoringField.MonthlyIncome, ["650"]));
    }

    [Fact]
    public void A_saved_profile_reads_its_sources_header_and_translates_its_words_into_the_platforms_csv()
    {
        var mapping = ImportMapping.Of(
            new Dictionary<string, MonitoringField>
            {
                ["家庭编码"] = MonitoringField.HouseholdRef, ["持证人"] = MonitoringField.Name, ["公民身份证号"] = MonitoringField.IdNumber,
                ["关系"] = MonitoringField.Relationship, ["所在乡镇"] = MonitoringField.TownshipCode, ["所在村"] = MonitoringField.VillageCode, ["救助属性"] = MonitoringField.Category,
            },
            new Dictionary<MonitoringField, IReadOnlyDictionary<string, string>> { [MonitoringField.Category] = new Dictionary<string, string> { ["低保户"] = "低保" } });
        string?[]?[] rows =
        [
            ["困难残疾人名单"],
            ["序号", "家庭编码", "持证人", "公民身份证号", "关系", "所在乡镇", "所在村", "救助属性"],
            ["1", "HS1", "孙桂英", Id1, "户主", "衡山镇", "衡山一村", "低保户"],
        ];

        using var csv = new MemoryStream();
        var header = MonitoringSheet.ToCsv(rows, csv, mapping);

        Assert.Equal((1, 1), (header.Row, header.Rows));
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split('\n');
        Assert.Equal("户编号,身份证号,姓名,与户主关系,乡镇代码,村代码,类别", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal($"HS1,{Id1},孙桂英,户主,衡山镇,衡山一村,低保", lines[2]);

        // The standard names do not read this header; the profile's do not read the platform's.
        Assert.Throws<ImportFileException>(() => MonitoringSheet.FindHeader(rows, ImportMapping.Standard));
        Assert.Throws<ImportFileException>(() => MonitoringSheet.FindHeader([["户编号", "身份证号", "姓名", "与户主关系", "乡镇代码", "村代码", "类别"]], mapping));
    }

    [Fact]
    public void A_header_nothing_reads_yet_is_guessed_over_two_rows_when_the_lower_row_names_the_columns_under_a_merged_parent()
    {
        string?[]?[] rows =
        [
            ["霍山县低收入人口动态监测名单"],
            ["户码", "家庭成员信息", null, null, "乡镇（街道）", "监测对象类别", "月人均收入"],
            [null, "姓名", "身份证号码", "与户主关系"],
            ["HS1", "孙桂英", Id1, "户主", "衡山镇", "低保户", "650.5"],
        ];

        var twoRows = MonitoringSheet.GuessHeader(rows)!;

        Assert.Equal((1, 2, 3), (twoRows.Row, twoRows.Rows, twoRows.FirstDataRow));
        Assert.Equal("户码,姓名,身份证号码,与户主关系,乡镇（街道）,监测对象类别,月人均收入", string.Join(',', twoRows.Names));

        // A data row under a one-row header is data, not a second header row: it fills every column and has numbers.
        var oneRow = MonitoringSheet.GuessHeader([rows[0], ["户码", "姓名", "身份证号码", "与户主关系", "乡镇（街道）"], rows[3]])!;
        Assert.Equal((1, 1), (oneRow.Row, oneRow.Rows));
    }
}
