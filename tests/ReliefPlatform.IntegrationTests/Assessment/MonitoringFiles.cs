using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using NPOI.HSSF.UserModel;
using NPOI.SS.Util;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>A row of a monitoring file as the platform writes it (Chinese headers).</summary>
internal sealed record MonitoringLine(
    string HouseholdRef, string IdNumber, string Name, string Relationship = "户主", string Township = "341525100", string Village = "341525100205",
    string Category = "低保", string Income = "650", string Medical = "", string DisabilityType = "", string DisabilityGrade = "", string LivingAlone = "否",
    string Signals = "");

internal static class MonitoringFiles
{
    public const string Header = "户编号,身份证号,姓名,与户主关系,乡镇代码,村代码,类别,月人均收入,年医疗支出,残疾类别,残疾等级,独居,风险信号";

    public static string Csv(IEnumerable<MonitoringLine> lines, params string[] extraLines)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var l in lines)
        {
            text.AppendJoin(',', l.HouseholdRef, l.IdNumber, l.Name, l.Relationship, l.Township, l.Village, l.Category, l.Income, l.Medical,
                l.DisabilityType, l.DisabilityGrade, l.LivingAlone, l.Signals).Append("\r\n");
        }

        foreach (var extra in extraLines)
        {
            text.Append(extra).Append("\r\n");
        }

        return text.ToString();
    }

    public static string NewRef() => $"HS{Guid.NewGuid():N}"[..20];

    /// <summary>An .xlsx of the given rows as MiniExcel writes one (no header of its own: the rows are the sheet's rows).</summary>
    public static byte[] Workbook(params object?[][] rows)
    {
        var columns = Enumerable.Range(0, rows.Max(r => r.Length)).Select(i => ((char)('A' + i)).ToString()).ToArray();
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => columns.Select((c, i) => (c, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.v)), printHeader: false);
        return stream.ToArray();
    }

    /// <summary>An .xlsx with several sheets, in order, each of the given rows.</summary>
    public static byte[] Workbook(params (string Name, object?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Name, s => (object)Cells(s.Rows)), printHeader: false);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object?>> Cells(object?[][] rows)
    {
        var columns = Enumerable.Range(0, rows.Max(r => r.Length)).Select(i => ((char)('A' + i)).ToString()).ToArray();
        return [.. rows.Select(r => columns.Select((c, i) => (c, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.v))];
    }

    /// <summary>
    /// The same .xlsx with cells merged as Excel merges them (<c>A1:I1</c>): only a range's first cell keeps its value,
    /// the rest are empty, and the sheet lists the ranges.
    /// </summary>
    public static byte[] Xlsx(string[] merged, params object?[][] rows)
    {
        using var stream = new MemoryStream();
        stream.Write(Workbook(rows));
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            // After the sheet's data, in the sheet's own namespace prefix (MiniExcel writes x:).
            var prefix = xml.Contains("<x:sheetData", StringComparison.Ordinal) ? "x:" : "";
            var close = $"</{prefix}sheetData>";
            var end = xml.IndexOf(close, StringComparison.Ordinal) + close.Length;
            xml = xml.Insert(end, $"<{prefix}mergeCells count=\"{merged.Length}\">{string.Concat(merged.Select(m => $"<{prefix}mergeCell ref=\"{m}\"/>"))}</{prefix}mergeCells>");
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// An .xls (Excel 97–2003, BIFF8) of the given rows as NPOI writes one, with cells merged as in Excel (<c>A1:I1</c>):
    /// text as text, numbers as Excel numbers (an 18-digit ID number given as a number is what Excel makes of one typed in).
    /// </summary>
    public static byte[] Xls(string[] merged, params object?[][] rows)
    {
        var workbook = new HSSFWorkbook();
        var sheet = workbook.CreateSheet("名单");
        for (var r = 0; r < rows.Length; r++)
        {
            var row = sheet.CreateRow(r);
            for (var c = 0; c < rows[r].Length; c++)
            {
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text:
                        row.CreateCell(c).SetCellValue(text);
                        break;
                    case var number:
                        row.CreateCell(c).SetCellValue(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
        }

        foreach (var range in merged)
        {
            sheet.AddMergedRegion(CellRangeAddress.ValueOf(range));
        }

        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? query = null)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/x-ndjson");
        return await client.PostAsync($"/api/assessment/imports?fileName={Uri.EscapeDataString(fileName)}{query}", body);
    }

    /// <summary>Uploads and waits for the background import to finish; returns the finished job.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, byte[] content, string fileName)
    {
        var response = await UploadAsync(client, content, fileName);
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            Assert.Fail($"Upload refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await FinishedAsync(client, id);
    }

    public static async Task<JsonElement> FinishedAsync(HttpClient client, Guid id)
    {
        JsonElement job = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{id}");
            return job.GetProperty("status").GetString() is "Completed" or "Failed" or "Cancelled";
        }, "the import finished", TimeSpan.FromSeconds(60));
        return job;
    }
}
