using System.Net;
using System.Text;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.ServiceDefaults.Printing;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>The published catalogue as county offices use it on paper and in spreadsheets.</summary>
public static class CatalogueDocuments
{
    private static readonly string[] Headers =
        ["类别", "编码", "服务项目", "服务内容", "服务对象", "服务标准", "服务方式", "服务主体", "计价", "资金来源", "实施范围", "与现有政策衔接", "状态"];

    /// <summary>The print page's stylesheet; its hash is the page's style-src, so it is one constant text.</summary>
    public const string PrintStyle = """
        @page { size: A4 landscape; margin: 12mm; }
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10.5pt; color: #000; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4px; }
        p.period { text-align: center; margin: 0 0 10px; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; }
        th { background: #eee; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        tr.retired td { color: #666; }
        footer { margin-top: 8px; font-size: 9pt; }
        """;

    /// <summary>Long columns wrap in a bounded width so the sheet prints one page wide.</summary>
    private static readonly string[] LongColumns = ["服务内容", "服务对象", "服务标准", "与现有政策衔接"];

    public static byte[] Workbook(PublishedCatalogueResponse catalogue, string countyName, DateOnly today)
    {
        var version = catalogue.Version;
        var sheet = new WorkbookSheet($"服务清单第{version.Version}版", $"{Title(countyName, version.Version)}（{Period(version)}）",
            [.. Headers.Select(h => new WorkbookColumn(h, LongColumns.Contains(h) ? CellKind.LongText : CellKind.Text))],
            [.. catalogue.Items.Select(i => (IReadOnlyList<object?>)Cells(i))]);
        using var stream = new MemoryStream();
        CountyWorkbook.Write(stream, new WorkbookHeading($"{countyName}民政局", today), sheet);
        return stream.ToArray();
    }

    public static string PrintPage(PublishedCatalogueResponse catalogue, string countyName)
    {
        var version = catalogue.Version;
        var title = Title(countyName, version.Version);
        var period = Period(version);
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{E(title)}}</title>
            {{PrintablePage.StyleElement(PrintStyle)}}
            </head>
            <body>
            <h1>{{E(title)}}</h1>
            <p class="period">{{E(period)}}</p>
            <table>
            <thead><tr>
            """);
        foreach (var header in Headers)
        {
            html.Append($"<th>{E(header)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var item in catalogue.Items)
        {
            html.Append(item.Retired ? "<tr class=\"retired\">" : "<tr>");
            foreach (var cell in Cells(item))
            {
                html.Append($"<td>{E(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append($"""
            </tbody>
            </table>
            <footer>{E(version.Note)} 公布日期：{version.PublishedAt.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日}</footer>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static string Title(string countyName, int version) => $"{countyName}服务类社会救助清单（第{version}版）";

    private static string Period(PublishedVersion version) =>
        version.EffectiveTo is { } to ? $"{version.EffectiveFrom:yyyy年M月d日}至{to:yyyy年M月d日}施行" : $"自{version.EffectiveFrom:yyyy年M月d日}起施行";

    private static string[] Cells(ItemResponse response)
    {
        var item = response.Item;
        return
        [
            response.ClassName, item.Code, item.NameZh, item.Content, response.ScopeText, response.StandardText, response.DeliveryModesText,
            response.ProviderKindsText, response.PricingText, response.FundingSourcesText, response.TownshipsText,
            response.OverlapsText.Length == 0 ? "无" : response.OverlapsText,
            response.Retired ? $"本版停止：{response.RetiredReason}" : "在用",
        ];
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
