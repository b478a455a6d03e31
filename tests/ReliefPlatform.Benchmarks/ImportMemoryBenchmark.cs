using System.Diagnostics;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure.Imports;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// What a workbook upload costs in memory while it becomes the platform's CSV and is stored (issue 26): the workbook held,
/// then either the whole CSV written into memory before the store reads it (<c>held</c>, the upload before the pipe) or
/// the conversion piped into the store's 1 MiB reads (<c>piped</c>, as the upload does now). The store's reads are drained
/// here without a database, so the figures are the conversion's and the copies'. Run each mode in its own process:
/// <c>dotnet run --project tests/ReliefPlatform.Benchmarks -c Release -- xlsx-memory held|piped [rows]</c>.
/// </summary>
internal static class ImportMemoryBenchmark
{
    public static async Task RunAsync(string mode, int rows)
    {
        var xlsx = ImportBenchmark.WriteXlsx(rows, 300, "M");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = (Allocated: GC.GetTotalAllocatedBytes(precise: true), Peak: process.PeakWorkingSet64, Heap: GC.GetTotalMemory(false));
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
        await using (var file = File.OpenRead(xlsx))
        {
            var held = await ImportReading.HoldAsync(file, long.MaxValue, CancellationToken.None);
            var read = ImportReading.Rows(held, workbook: true, sheet: null);
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

        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        Console.WriteLine(
            $"| {mode} | {rows:N0} | {new FileInfo(xlsx).Length / (1 << 20)} MiB | {csvBytes / (1 << 20)} MiB | {(GC.GetTotalAllocatedBytes(precise: true) - baseline.Allocated) / (1 << 20):N0} MiB | " +
            $"{(peakHeap - baseline.Heap) / (1 << 20):N0} MiB | {process.PeakWorkingSet64 / (1 << 20):N0} MiB | {clock.Elapsed.TotalSeconds:0.0} s |");
        File.Delete(xlsx);
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
