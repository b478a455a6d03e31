using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ReliefPlatform.IntegrationTests.Printing;

/// <summary>Debian's LibreOffice Calc (<c>libreoffice-calc-nogui</c>, installed by test.sh), printing workbooks to PDF as an office would.</summary>
internal static class LibreOffice
{
    /// <summary>Converts the workbooks in one run (LibreOffice starts slowly) and returns each PDF, in order.</summary>
    public static async Task<IReadOnlyList<byte[]>> ToPdfAsync(params (string Name, byte[] Workbook)[] workbooks)
    {
        var directory = Directory.CreateTempSubdirectory("relief-calc-");
        try
        {
            foreach (var (name, workbook) in workbooks)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory.FullName, name), workbook);
            }

            var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory.FullName };
            foreach (var argument in (string[])["--headless", "--norestore", $"-env:UserInstallation=file://{directory.FullName}/profile",
                         "--convert-to", "pdf", "--outdir", directory.FullName, .. workbooks.Select(w => w.Name)])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"soffice exited with {process.ExitCode}: {await output} {await errors}");
            return [.. workbooks.Select(w => File.ReadAllBytes(Path.Combine(directory.FullName, Path.ChangeExtension(w.Name, ".pdf"))))];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A page's text line by line as a reader sees it (letters on one baseline, left to right): a cell wrapped over two lines is two lines here.</summary>
    public static IReadOnlyList<string> Lines(Page page)
    {
        var lines = new List<List<Letter>>();
        foreach (var letter in page.Letters.OrderByDescending(l => l.StartBaseLine.Y))
        {
            if (lines.Count > 0 && Math.Abs(lines[^1][0].StartBaseLine.Y - letter.StartBaseLine.Y) < 2)
            {
                lines[^1].Add(letter);
            }
            else
            {
                lines.Add([letter]);
            }
        }

        return [.. lines.Select(line => string.Concat(line.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)))];
    }

    public static PdfDocument Open(byte[] pdf) => PdfDocument.Open(pdf);
}
