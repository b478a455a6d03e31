using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// A file kept in the store's sealed chunks, read as a seekable read-only stream (what ExcelDataReader needs to read a
/// workbook): a position's chunk is <c>position / chunk size</c>, fetched and opened — authenticated, bound to its file
/// and place — only when a read reaches it. The last two chunks opened are kept, so reading on, or back a little, across
/// a boundary opens nothing twice; the file is never whole in memory. One reader per stream (it is not thread-safe).
/// </summary>
/// <param name="fileId">The file the chunks were sealed for (<see cref="ImportFileStore.Purpose"/>).</param>
/// <param name="length">The file's length in bytes, as stored.</param>
/// <param name="fetch">A chunk's sealed bytes by its sequence number; null when the store has no such chunk.</param>
/// <exception cref="System.Security.Cryptography.CryptographicException">On a read: a chunk was changed, or moved from another file or place.</exception>
/// <exception cref="IOException">On a read: a chunk is missing or not the length its place needs.</exception>
public sealed class SealedChunkStream(Guid fileId, long length, Func<int, byte[]?> fetch, PersonalDataProtector protector, int chunkSize = ImportFileStore.ChunkSize)
    : Stream
{
    private long position;
    private (int Sequence, byte[] Data)? recent;
    private (int Sequence, byte[] Data)? older;
    private bool disposed;

    /// <summary>Chunks fetched and opened so far (a chunk read again after it left the two kept counts again).</summary>
    public int ChunksOpened { get; private set; }

    public override bool CanRead => !disposed;

    public override bool CanSeek => !disposed;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var copied = 0;
        while (copied < buffer.Length && position < length)
        {
            var sequence = (int)(position / chunkSize);
            var within = (int)(position % chunkSize);
            var data = Chunk(sequence);
            var n = Math.Min(buffer.Length - copied, data.Length - within);
            data.AsSpan(within, n).CopyTo(buffer[copied..]);
            copied += n;
            position += n;
        }

        return copied;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    // Reads are served from memory or a short synchronous fetch; the async forms do the same work.
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0)
        {
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        }

        // Past the end is allowed, as for a file: reads there return nothing.
        position = target;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        disposed = true;
        recent = older = null;
        base.Dispose(disposing);
    }

    private byte[] Chunk(int sequence)
    {
        if (recent is { } r && r.Sequence == sequence)
        {
            return r.Data;
        }

        if (older is { } o && o.Sequence == sequence)
        {
            (older, recent) = (recent, older);
            return o.Data;
        }

        var stored = fetch(sequence) ?? throw new IOException($"Chunk {sequence} of the stored file is missing.");
        var data = protector.Unprotect(stored, ImportFileStore.Purpose(fileId, sequence));
        var expected = Math.Min(chunkSize, length - ((long)sequence * chunkSize));
        if (data.Length != expected)
        {
            throw new IOException($"Chunk {sequence} of the stored file holds {data.Length} bytes, not {expected}.");
        }

        ChunksOpened++;
        (older, recent) = (recent, (sequence, data));
        return data;
    }
}
