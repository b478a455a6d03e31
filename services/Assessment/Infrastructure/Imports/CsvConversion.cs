using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// A file's rows becoming the platform's CSV on a worker thread while <see cref="Csv"/> is read (by the encrypted store):
/// the CSV passes through a small pipe and is never held whole. A failure of the conversion is thrown by the read that
/// meets it; disposing stops a conversion whose reader gave up (a file over the limit).
/// </summary>
public sealed class CsvConversion : IAsyncDisposable
{
    // The converter waits while this much is written and unread: it stays a step ahead of the 1 MiB chunks the store seals.
    private const long Ahead = 2L * ImportFileStore.ChunkSize;

    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: Ahead, resumeWriterThreshold: Ahead / 2, useSynchronizationContext: false));
    private readonly CancellationTokenSource stop = new();
    private readonly Task converting;

    public CsvConversion(Func<IEnumerable<string?[]?>> rows, ImportMapping mapping)
    {
        Csv = pipe.Reader.AsStream();
        // ExcelDataReader and the CSV writer are synchronous: the writes block on a full pipe, so on a thread of their own.
        converting = Task.Factory.StartNew(() => Convert(rows, mapping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The platform's CSV as it is written.</summary>
    public Stream Csv { get; }

    /// <summary>The CSV in chunks of the store's size, each in a buffer of its own (lines read from one outlive the next read).</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var buffer = new byte[ImportFileStore.ChunkSize];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await Csv.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                yield break;
            }

            yield return buffer.AsMemory(0, filled);
            if (filled < buffer.Length)
            {
                yield break;
            }
        }
    }

    /// <summary>The CSV's header line (its column of each field) and, after it, the rest in chunks from offset <c>HeaderEnd</c>.</summary>
    public async Task<(int HeaderEnd, int[] Columns, IAsyncEnumerable<ReadOnlyMemory<byte>> Data)> HeaderAsync(CancellationToken cancellationToken)
    {
        var chunks = ChunksAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        // The header is always written, and is far shorter than a chunk.
        var first = await chunks.MoveNextAsync() ? chunks.Current : ReadOnlyMemory<byte>.Empty;
        var headerEnd = first.Span.IndexOf((byte)'\n') + 1;
        var columns = ImportRowReader.MapHeader(System.Text.Encoding.UTF8.GetString(first.Span[..headerEnd]).TrimEnd('\n'));

        async IAsyncEnumerable<ReadOnlyMemory<byte>> Rest()
        {
            await using (chunks)
            {
                yield return first[headerEnd..];
                while (await chunks.MoveNextAsync())
                {
                    yield return chunks.Current;
                }
            }
        }

        return (headerEnd, columns, Rest());
    }

    private void Convert(Func<IEnumerable<string?[]?>> rows, ImportMapping mapping)
    {
        try
        {
            using (var csv = pipe.Writer.AsStream(leaveOpen: true))
            {
                MonitoringSheet.ToCsv(Until(rows(), stop.Token), csv, mapping);
            }

            pipe.Writer.Complete();
        }
        catch (Exception ex)
        {
            pipe.Writer.Complete(ex);
        }
    }

    private static IEnumerable<string?[]?> Until(IEnumerable<string?[]?> rows, CancellationToken token)
    {
        foreach (var row in rows)
        {
            token.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await pipe.Reader.CompleteAsync();
        // Never faults: a failure, or the stop, completes the pipe instead.
        await converting;
        stop.Dispose();
    }
}
