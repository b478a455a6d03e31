using ReliefPlatform.IntegrationTests.Assessment;

namespace ReliefPlatform.IntegrationTests.Printing;

/// <summary>
/// Workbooks downloaded through the gateway and printed from LibreOffice Calc, as a township prints, signs and files
/// its 台账: landscape A4, the title and headers on page 1, the header repeated on page 2, names whole, and an empty
/// month saying so.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PrintedWorkbooksTests(CountyAppFixture county)
{
    // A township no other test registers in (its centre need not run: the registry takes any of the county's townships),
    // so its village's ledger holds exactly this test's households.
    private const string Xiafuqiao = "341525102";
    // A4 in PDF points (1/72 inch), landscape: 297 × 210 mm.
    private static readonly (double, double) A4Landscape = (Math.Round(297 / 25.4 * 72), Math.Round(210 / 25.4 * 72));
    // Enough for more than one landscape page at the scale that fits the ledger's 15 columns to the width.
    private const int Households = 90;

    [Fact]
    public async Task A_long_ledger_and_an_empty_KPI_month_print_as_titled_landscape_A4_pages()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        const string village = "201";
        foreach (var batch in Enumerable.Range(0, Households).Chunk(6))
        {
            await Task.WhenAll(batch.Select(_ => Assessments.RegisterAsync(caseworker, Xiafuqiao, village, People.Member("程佳怡", People.IdNumber(70)))));
        }

        var ledger = await caseworker.GetByteArrayAsync($"/api/assessment/ledger/export?villageCode={Xiafuqiao}{village}&format=xlsx");
        var kpi = await (await county.ClientForAsync("supervisor")).GetByteArrayAsync("/api/funding/kpis/report?month=2020-01");

        var pdfs = await LibreOffice.ToPdfAsync(("ledger.xlsx", ledger), ("kpi.xlsx", kpi));

        using (var printed = LibreOffice.Open(pdfs[0]))
        {
            var pages = printed.GetPages().ToList();
            Assert.True(pages.Count >= 2, $"{Households} households take more than one page (got {pages.Count})");
            Assert.All(pages, page => Assert.Equal(A4Landscape, (Math.Round(page.Width), Math.Round(page.Height))));
            var first = LibreOffice.Lines(pages[0]);
            Assert.Contains(first, l => l.StartsWith("霍山县服务类社会救助需求台账（截至", StringComparison.Ordinal));
            Assert.Contains(first, l => l.Contains("制表单位：霍山县民政局", StringComparison.Ordinal));
            // Headings that wrap sit on lines of their own; the one-line headings share the header's middle line.
            Assert.Contains(first, l => l.StartsWith("序号户编号乡镇", StringComparison.Ordinal));
            var second = LibreOffice.Lines(pages[1]);
            Assert.Contains(second.Take(3), l => l.StartsWith("序号户编号乡镇", StringComparison.Ordinal));
            Assert.DoesNotContain(second, l => l.Contains("需求台账", StringComparison.Ordinal));
            // Every row names its township whole, on one line: none is cut or wrapped.
            Assert.Equal(Households, pages.Sum(page => LibreOffice.Lines(page).Count(l => l.Contains("下符桥镇", StringComparison.Ordinal))));
            Assert.Equal(Households, pages.Sum(page => LibreOffice.Lines(page).Count(l => l.Contains("依申请登记", StringComparison.Ordinal))));
        }

        using (var printed = LibreOffice.Open(pdfs[1]))
        {
            var pages = printed.GetPages().ToList();
            Assert.Equal(4, pages.Count);
            Assert.All(pages, page =>
            {
                Assert.Equal(A4Landscape, (Math.Round(page.Width), Math.Round(page.Height)));
                var lines = LibreOffice.Lines(page);
                Assert.Contains(lines, l => l.StartsWith("霍山县服务类社会救助监管指标月报（2020年1月，按", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.Contains("评估户数", StringComparison.Ordinal));
                Assert.Contains("本期无数据", lines);
            });
        }
    }
}
