using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// Reading an uploaded file that is not already the platform's CSV — a workbook, or another source's CSV — through a
/// column mapping: the one named, else the registry's standard names, else the newest saved profile whose names the
/// file's header has. The same reading serves the preview and the import, so what the preview shows is what is imported.
/// </summary>
public static class ImportReading
{
    /// <summary>The file's rows from its start: a workbook's chosen sheet, or a text file's lines in its encoding.</summary>
    /// <remarks>Each call reads through a stream of its own over the upload's sealed chunks; one reading at a time.</remarks>
    /// <exception cref="ImportFileException">Not a readable workbook, no such sheet, or text in neither UTF-8 nor GBK.</exception>
    public static Func<IEnumerable<string?[]?>> Rows(SealedUpload upload, bool workbook, string? sheet)
    {
        if (workbook)
        {
            return () => Read(upload, stream => MonitoringSheet.WorkbookRows(stream, sheet));
        }

        var encoding = ImportLines.Detect(upload.Head) ?? throw new ImportFileException("无法识别文件编码：文件应为 UTF-8 或 GBK 编码的文本。");
        return () => Read(upload, stream => MonitoringSheet.CsvRows(stream, ImportLines.For(encoding)));
    }

    private static IEnumerable<string?[]?> Read(SealedUpload upload, Func<Stream, IEnumerable<string?[]?>> rows)
    {
        using var stream = upload.OpenRead();
        foreach (var row in rows(stream))
        {
            yield return row;
        }
    }

    /// <summary>How much of a CSV upload is read ahead to find its header and choose its mapping.</summary>
    public const int HeadBytes = 256 * 1024;

    /// <summary>
    /// For a CSV upload nobody chose a profile for: the saved profile its header is read with (<see cref="Choose"/>), or
    /// null for the standard names (or no header found: the import says why). Only the first
    /// <see cref="HeadBytes"/> are read ahead; the stream returned gives the whole upload from its start.
    /// </summary>
    public static async Task<(Stream Body, ImportProfile? Profile)> CoveringProfileAsync(Stream body, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var saved = await db.ImportProfiles.AsNoTracking().Where(p => p.SupersededAt == null).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        if (saved.Count == 0)
        {
            return (body, null);
        }

        var head = new byte[HeadBytes];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = await body.ReadAsync(head.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        var whole = new PrefixedStream(head.AsMemory(0, filled), body);
        // Whole lines only: the last one may go on past the head.
        var lines = filled < head.Length ? filled : head.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
        if (ImportLines.Detect(head.AsSpan(0, lines)) is not { } encoding)
        {
            return (whole, null);
        }

        var top = MonitoringSheet.CsvRows(new MemoryStream(head, 0, lines, writable: false), ImportLines.For(encoding)).Take(MonitoringSheet.HeaderSearchRows).ToList();
        try
        {
            return (whole, Choose(top, saved).Profile);
        }
        catch (ImportFileException)
        {
            return (whole, null);
        }
    }

    /// <summary>The first rows, where a header is looked for.</summary>
    public static List<string?[]?> Top(Func<IEnumerable<string?[]?>> rows, int count = MonitoringSheet.HeaderSearchRows) => [.. rows().Take(count)];

    /// <summary>The mapping the file is read with and the profile it came from (null: the standard names); see <see cref="Choose"/>.</summary>
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

        var saved = await db.ImportProfiles.AsNoTracking().Where(p => p.SupersededAt == null).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        return Choose(top, saved);
    }

    /// <summary>
    /// The mapping a file nobody chose one for is read with. First a saved profile that covers the file: its mapping finds
    /// the header, every column it names is there, and it reads every column the standard names would read there (so
    /// choosing it drops nothing the standard names would import) — of several, the one naming the most columns, then the
    /// newest. Else the standard names. Else the newest saved profile whose mapping finds the header (it names columns the
    /// file lacks, but gives every required field).
    /// </summary>
    /// <param name="saved">The current profiles, newest first.</param>
    /// <exception cref="ImportFileException">Neither the standard names nor any saved profile find a header (the standard names' reason).</exception>
    public static (ImportMapping Mapping, ImportProfile? Profile, SheetHeader Header) Choose(IReadOnlyList<string?[]?> top, IReadOnlyList<ImportProfile> saved)
    {
        var readers = new List<(ImportMapping Mapping, ImportProfile Profile, SheetHeader Header)>();
        foreach (var profile in saved)
        {
            var mapping = profile.Mapping();
            try
            {
                readers.Add((mapping, profile, MonitoringSheet.FindHeader(top, mapping)));
            }
            catch (ImportFileException)
            {
                // Not this source's file.
            }
        }

        (ImportMapping Mapping, ImportProfile Profile, SheetHeader Header)? covering = null;
        foreach (var reader in readers.Where(r => Covers(r.Profile, r.Header)))
        {
            if (covering is null || reader.Profile.ColumnFields().Count > covering.Value.Profile.ColumnFields().Count)
            {
                covering = reader;
            }
        }

        if (covering is { } chosen)
        {
            return (chosen.Mapping, chosen.Profile, chosen.Header);
        }

        try
        {
            return (ImportMapping.Standard, null, MonitoringSheet.FindHeader(top, ImportMapping.Standard));
        }
        catch (ImportFileException) when (readers.Count > 0)
        {
            return (readers[0].Mapping, readers[0].Profile, readers[0].Header);
        }
    }

    /// <summary>Whether the profile names only columns the header has, and reads every column of it the standard names read.</summary>
    private static bool Covers(ImportProfile profile, SheetHeader header) =>
        profile.ColumnFields().Values.All(f => header.Columns[(int)f] >= 0)
        && header.Names.Select((name, column) => (name, column))
            .All(c => ImportMapping.Standard.FieldOf(c.name) is null || Array.IndexOf(header.Columns, c.column) >= 0);
}
