using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// What a workbook upload costs in memory while it becomes the platform's CSV and is stored (issue 26). Three ways:
/// <c>held</c> — the workbook held in memory and the whole CSV written into memory before the store reads it (the upload
/// two changes ago); <c>piped</c> — the workbook held, the conversion piped into the store's 1 MiB reads (the upload one
/// change ago); <c>chunked</c> — the workbook first streamed into sealed 1 MiB chunks and read back through a
/// <see cref="SealedChunkStream"/>, the conversion piped (the upload now). No database here: the store's reads of the CSV
/// are drained, and the workbook's sealed chunks are kept in a temporary file standing in for PostgreSQL (sealed exactly
/// as the store seals them, each fetched into a buffer of its own as Npgsql returns a bytea), so the figures are the
/// service process's own. Each mode runs in its own process; <c>all</c> runs the three and writes
/// <c>bench-results/latest-xlsx-memory.md</c>:
/// <c>dotnet tests/ReliefPlatform.Benchmarks/bin/Debug/net10.0/ReliefPlatform.Benchmarks.dll xlsx-memory all|held|piped|chunked [rows]</c>.
/// </summary>
internal static class ImportMemoryBenchmark
{
    private static readonly string[] Modes = ["held", "piped", "chunked"];

#if DEBUG
    private const string Build = "Debug build";
#else
    private const string Build = "Release build";
#endif

    private const string Header =
        "| mode | rows | workbook | CSV | allocated | peak managed heap above the baseline | peak RSS | workbook chunks opened | elapsed |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    public static async Task RunAsync(string mode, int rows, string repositoryRoot)
    {
        if (mode == "all")
        {
            await RunAllAsync(rows, repositoryRoot);
            return;
        }

        if (!Modes.Contains(mode))
        {
            await Console.Error.WriteLineAsync($"Unknown mode {mode}: all, {string.Join(", ", Modes)}.");
            Environment.Exit(2);
        }

        var xlsx = ImportBenchmark.WriteXlsx(rows, 300, "M");
        using var protector = new PersonalDataProtector(Options.Create(new PersonalDataOptions
        {
            Keys = new() { ["bench"] = PersonalDataProtector.NewKey() },
            ActiveKey = "bench",
            IndexKey = PersonalDataProtector.NewKey(),
        }));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = (Allocated: GC.GetTotalAllocatedBytes(precise: true), Heap: GC.GetTotalMemory(false));
        var peakHeap = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });

        var clock = Stopwatch.StartNew();
        long csvBytes;
        var opened = new List<SealedChunkStream>();
        var chunkFile = Path.Combine(Path.GetTempPath(), $"relief-bench-sealed-{Guid.NewGuid():N}.bin");
        try
        {
            await using var file = File.OpenRead(xlsx);
            Func<IEnumerable<string?[]?>> read;
            MemoryStream? held = null;
            if (mode == "chunked")
            {
                var id = Guid.NewGuid();
                var places = await SealAsync(file, chunkFile, id, protector);
                var length = new FileInfo(xlsx).Length;
                read = () => Rows();
                IEnumerable<string?[]?> Rows()
                {
                    using var handle = File.OpenHandle(chunkFile);
                    var stream = new SealedChunkStream(id, length, sequence =>
                    {
                        if (sequence >= places.Count)
                        {
                            return null;
                        }

                        var bytes = new byte[places[sequence].Length];
                        RandomAccess.Read(handle, bytes, places[sequence].Offset);
                        return bytes;
                    }, protector);
                    lock (opened)
                    {
                        opened.Add(stream);
                    }

                    using (stream)
                    {
                        foreach (var row in MonitoringSheet.WorkbookRows(stream, null))
                        {
                            yield return row;
                        }
                    }
                }
            }
            else
            {
                held = new MemoryStream();
                await file.CopyToAsync(held);
                read = () =>
                {
                    held.Position = 0;
                    return MonitoringSheet.WorkbookRows(held, null);
                };
            }

            var mapping = ImportReading.Choose(ImportReading.Top(read), []).Mapping;
            if (mode == "held")
            {
                var csv = new MemoryStream();
                MonitoringSheet.ToCsv(read(), csv, mapping);
                csv.Position = 0;
                csvBytes = await DrainAsync(csv);
            }
            else
            {
                await using var conversion = new CsvConversion(read, mapping);
                csvBytes = await DrainAsync(conversion.Csv);
            }

            GC.KeepAlive(held);
        }
        finally
        {
            File.Delete(chunkFile);
        }

        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        var chunksOpened = mode == "chunked" ? opened.Sum(s => s.ChunksOpened).ToString(CultureInfo.InvariantCulture) : "–";
        Console.WriteLine(
            $"| {mode} | {rows:N0} | {new FileInfo(xlsx).Length / (1 << 20)} MiB | {csvBytes / (1 << 20)} MiB | {(GC.GetTotalAllocatedBytes(precise: true) - baseline.Allocated) / (1 << 20):N0} MiB | " +
            $"{(peakHeap - baseline.Heap) / (1 << 20):N0} MiB | {process.PeakWorkingSet64 / (1 << 20):N0} MiB | {chunksOpened} | {clock.Elapsed.TotalSeconds:0.0} s |");
        File.Delete(xlsx);
    }

    /// <summary>Each mode in a process of its own (peak RSS is per process), twice, then the table written beside the other results.</summary>
    private static async Task RunAllAsync(int rows, string repositoryRoot)
    {
        var report = new System.Text.StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# A workbook upload's memory while it becomes the stored CSV — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, load average {LoadAverage()} at the start; " +
                $"{Build}, workstation GC; each mode in its own process.")
            .AppendLine()
            .AppendLine(Header);
        Console.WriteLine(Header);
        for (var round = 0; round < 2; round++)
        {
            foreach (var mode in Modes)
            {
                var line = await RunChildAsync(mode, rows);
                Console.WriteLine(line);
                report.AppendLine(line);
            }
        }

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average at the end: {LoadAverage()}.");
        var folder = Path.Combine(repositoryRoot, "bench-results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "latest-xlsx-memory.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"Written to {path}");
    }

    private static async Task<string> RunChildAsync(string mode, int rows)
    {
        var dll = typeof(ImportMemoryBenchmark).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "xlsx-memory", mode, rows.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The benchmark could not start itself.");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return output.Split('\n').LastOrDefault(l => l.StartsWith($"| {mode} |", StringComparison.Ordinal))?.TrimEnd()
            ?? $"| {mode} | failed (exit {child.ExitCode}) |";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The upload sealed chunk by chunk as the store does (1 MiB, bound to the file and place), each appended to <paramref name="path"/>.</summary>
    private static async Task<List<(long Offset, int Length)>> SealAsync(Stream upload, string path, Guid id, PersonalDataProtector protector)
    {
        var places = new List<(long Offset, int Length)>();
        var buffer = new byte[ImportFileStore.ChunkSize];
        await using var target = File.Create(path);
        while (true)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await upload.ReadAsync(buffer.AsMemory(filled))) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            var sealedChunk = protector.Protect(buffer.AsSpan(0, filled), ImportFileStore.Purpose(id, places.Count));
            places.Add((target.Position, sealedChunk.Length));
            await target.WriteAsync(sealedChunk);
            if (filled < buffer.Length)
            {
                break;
            }
        }

        return places;
    }

    /// <summary>Reads as the encrypted store does: 1 MiB at a time, each chunk then let go.</summary>
    private static async Task<long> DrainAsync(Stream csv)
    {
        var buffer = new byte[ImportFileStore.ChunkSize];
        long total = 0;
        int read;
        while ((read = await csv.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
