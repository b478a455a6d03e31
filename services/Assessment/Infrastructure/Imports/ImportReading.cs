using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>An upload held while it is read: its bytes and its own hash.</summary>
public sealed record HeldUpload(MemoryStream Bytes, string Sha256);

/// <summary>
/// Reading an uploaded file that is not already the platform's CSV — a workbook, or another source's CSV — through a
/// column mapping: the one named, else the registry's standard names, else the newest saved profile whose names the
/// file's header has. The same reading serves the preview and the import, so what the preview shows is what is imported.
/// </summary>
public static class ImportReading
{
    /// <summary>Holds the upload in memory (at most <paramref name="limit"/> bytes), hashing it on the way.</summary>
    /// <exception cref="ImportFileStore.TooLargeException">Larger than the limit.</exception>
    public static async Task<HeldUpload> HoldAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var held = new MemoryStream();
        await ImportFileStore.CopyLimitedAsync(body, held, limit, cancellationToken);
        held.Position = 0;
        var sha = Convert.ToHexStringLower(SHA256.HashData(held));
        held.Position = 0;
        return new HeldUpload(held, sha);
    }

    /// <summary>The file's rows from its start: a workbook's chosen sheet, or a text file's lines in its encoding.</summary>
    /// <exception cref="ImportFileException">Not a readable workbook, no such sheet, or text in neither UTF-8 nor GBK.</exception>
    public static Func<IEnumerable<string?[]?>> Rows(HeldUpload upload, bool workbook, string? sheet)
    {
        if (workbook)
        {
            return () =>
            {
                upload.Bytes.Position = 0;
                return MonitoringSheet.WorkbookRows(upload.Bytes, sheet);
            };
        }

        var head = upload.Bytes.GetBuffer().AsSpan(0, (int)Math.Min(upload.Bytes.Length, 64 * 1024));
        var encoding = ImportLines.Detect(head) ?? throw new ImportFileException("无法识别文件编码：文件应为 UTF-8 或 GBK 编码的文本。");
        return () =>
        {
            upload.Bytes.Position = 0;
            return MonitoringSheet.CsvRows(upload.Bytes, ImportLines.For(encoding));
        };
    }

    /// <summary>The first rows, where a header is looked for.</summary>
    public static List<string?[]?> Top(Func<IEnumerable<string?[]?>> rows, int count = MonitoringSheet.HeaderSearchRows) => [.. rows().Take(count)];

    /// <summary>The mapping the file is read with and the profile it came from (null: the standard names).</summary>
    /// <param name="named">The profile the clerk chose; null to find one.</param>
    /// <exception cref="ImportFileException">The chosen profile's names are not in the file's header; or neither the standard names nor any saved profile find a header.</exception>
    public static async Task<(ImportMapping Mapping, ImportProfile? Profile, SheetHeader Header)> MappingAsync(
        IReadOnlyList<string?[]?> top, ImportProfile? named, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        if (named is not null)
        {
            var mapping = named.Mapping();
            try
            {
                return (mapping, named, MonitoringSheet.FindHeader(top, mapping));
            }
            catch (ImportFileException ex)
            {
                throw new ImportFileException($"按导入方案“{named.Name}”（第{named.Version}版）读不出表头：{ex.Message}", "profile");
            }
        }

        try
        {
            return (ImportMapping.Standard, null, MonitoringSheet.FindHeader(top, ImportMapping.Standard));
        }
        catch (ImportFileException)
        {
            var saved = await db.ImportProfiles.AsNoTracking().Where(p => p.SupersededAt == null).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
            foreach (var profile in saved)
            {
                var mapping = profile.Mapping();
                try
                {
                    return (mapping, profile, MonitoringSheet.FindHeader(top, mapping));
                }
                catch (ImportFileException)
                {
                    // Not this source's file; try the next.
                }
            }

            throw;
        }
    }
}
