using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ReliefPlatform.IntegrationTests.Townships;
using UglyToad.PdfPig;

namespace ReliefPlatform.IntegrationTests.Printing;

/// <summary>
/// The printable pages as county staff print them: opened through the gateway in Debian's Chromium, printed to PDF
/// with the page's own paper size, and read back from the PDF — paper, orientation, what is on page 1, and no
/// stylesheet refused by the content security policy.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PrintedPagesTests(CountyAppFixture county)
{
    // PDF points (1/72 inch): A4 is 297 × 210 mm, A5 is 210 × 148 mm.
    private const double A4Long = 297 / 25.4 * 72, A4Short = 210 / 25.4 * 72, A5Long = 210 / 25.4 * 72, A5Short = 148 / 25.4 * 72;

    [Fact]
    public async Task The_catalogue_prints_as_A4_landscape_with_its_title_and_first_items_on_page_1()
    {
        var staff = await county.ClientForAsync("township-foziling");
        var items = (await staff.GetFromJsonAsync<JsonElement>("/api/catalogue/versions/1")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("item").GetProperty("nameZh").GetString()!).ToList();

        var printed = await PrintAsync("township-foziling", "/api/catalogue/versions/1/print");

        Assert.Empty(printed.Refused);
        Assert.Equal("solid", printed.HeaderBorder);
        using var pdf = PdfDocument.Open(printed.Pdf);
        var first = pdf.GetPage(1);
        Assert.Equal(A4Long, first.Width, 1.0);
        Assert.Equal(A4Short, first.Height, 1.0);
        var text = Readable(first.Text);
        Assert.Contains(Readable("霍山县服务类社会救助清单（第1版）"), text, StringComparison.Ordinal);
        Assert.Contains(Readable("服务项目"), text, StringComparison.Ordinal);
        Assert.All(items.Take(2), name => Assert.Contains(Readable(name), text, StringComparison.Ordinal));
        // 26 items in 13 columns fit a few landscape sheets; unstyled they were 7 portrait Letter pages.
        Assert.All(pdf.GetPages(), p => Assert.True(p.Width > p.Height, "every sheet is landscape"));
    }

    [Fact]
    public async Task A_donation_receipt_prints_as_one_A5_sheet_with_the_amount_in_capitals()
    {
        var finance = await county.ClientForAsync("finance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var gift = await (await finance.PostAsJsonAsync("/api/funding/donations", new
        {
            donorKind = "Organisation", donorName = "霍山县爱心企业协会", amount = 8_800m, receivedOn = today, restrictedItem = "", restrictedTownship = "",
            projectCode = $"JZ-{Guid.NewGuid():N}"[..12], townshipCode = "341525100", purpose = "资助衡山镇助餐服务",
        })).Content.ReadFromJsonAsync<JsonElement>();

        var printed = await PrintAsync("finance", $"/api/funding/donations/{gift.GetProperty("id").GetGuid()}/receipt");

        Assert.Empty(printed.Refused);
        Assert.Equal("solid", printed.HeaderBorder);
        using var pdf = PdfDocument.Open(printed.Pdf);
        var page = Assert.Single(pdf.GetPages());
        Assert.Equal(A5Long, page.Width, 1.0);
        Assert.Equal(A5Short, page.Height, 1.0);
        var text = Readable(page.Text).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains(Readable("公益事业捐赠收据"), text, StringComparison.Ordinal);
        Assert.Contains(Readable("人民币捌仟捌佰元整"), text, StringComparison.Ordinal);
        Assert.Contains(gift.GetProperty("receiptNumber").GetString()!, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Text as compared: Chromium's PDF names some characters by their radicals (山 comes out as the Kangxi radical ⼭,
    /// 民 as the supplement radical ⺠), so both sides are NFKC-normalised (which also makes full-width brackets plain)
    /// and the supplement's simplified radicals, which NFKC leaves alone, are read as their characters.
    /// </summary>
    private static string Readable(string text)
    {
        var normalised = new StringBuilder(text.Normalize(NormalizationForm.FormKC));
        foreach (var (radical, character) in SimplifiedRadicals)
        {
            normalised.Replace(radical, character);
        }

        return normalised.ToString();
    }

    private static readonly (char Radical, char Character)[] SimplifiedRadicals =
    [
        ('⺠', '民'), ('⻓', '长'), ('⻔', '门'), ('⻉', '贝'), ('⻋', '车'), ('⻅', '见'), ('⻚', '页'), ('⻛', '风'), ('⻜', '飞'), ('⻢', '马'),
        ('⻥', '鱼'), ('⻬', '齐'), ('⻰', '龙'),
    ];

    private sealed record Printed(byte[] Pdf, IReadOnlyList<string> Refused, string HeaderBorder);

    /// <summary>Opens the page through the gateway as the user (their token on every request) and prints it as the print dialog would.</summary>
    private async Task<Printed> PrintAsync(string userName, string path)
    {
        var token = await county.TokenAsync(userName);
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                Locale = "zh-CN",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            });
            var page = await context.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, message) => console.Add(message.Text);
            var response = await page.GotoAsync(new Uri(county.Gateway.BaseAddress!, path).ToString());
            Assert.Equal(200, response!.Status);
            // The stylesheet applied: the table's cells have the borders it draws.
            var border = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('th')).borderTopStyle");
            var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
            return new Printed(pdf, [.. console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))], border);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
