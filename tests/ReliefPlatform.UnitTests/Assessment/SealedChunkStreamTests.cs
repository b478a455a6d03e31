using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Assessment;

/// <summary>
/// An upload kept in the store's sealed chunks, read back as the seekable stream ExcelDataReader needs: every byte where
/// it belongs whichever way the reader moves, each chunk authenticated as it is opened, and a workbook read through it.
/// Chunks of 16 bytes here (the store's are 1 MiB) so a short file crosses many boundaries.
/// </summary>
public sealed class SealedChunkStreamTests
{
    private const int Chunk = 16;

    private static readonly PersonalDataProtector Protector = new(Options.Create(new PersonalDataOptions
    {
        Keys = new() { ["2026a"] = PersonalDataProtector.NewKey() },
        ActiveKey = "2026a",
        IndexKey = PersonalDataProtector.NewKey(),
    }));

    /// <summary>A file of <paramref name="length"/> bytes (each byte its position mod 251, so a misplaced byte shows) sealed as the store seals it.</summary>
    private static (byte[] File, Guid Id, List<byte[]> Sealed) Stored(int length, int chunk = Chunk)
    {
        var file = Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();
        var id = Guid.NewGuid();
        var chunks = file.Chunk(chunk).Select((data, sequence) => Protector.Protect(data, ImportFileStore.Purpose(id, sequence))).ToList();
        return (file, id, chunks);
    }

    private static SealedChunkStream Open((byte[] File, Guid Id, List<byte[]> Sealed) stored, int chunk = Chunk) =>
        new(stored.Id, stored.File.Length, sequence => sequence < stored.Sealed.Count ? stored.Sealed[sequence] : null, Protector, chunk);

    [Fact]
    public void Reads_across_chunk_boundaries_give_the_file_byte_for_byte()
    {
        var stored = Stored(100);
        using var stream = Open(stored);

        // One read over three chunks (bytes 10 to 49), then odd-sized reads to the end.
        var first = new byte[40];
        stream.Position = 10;
        Assert.Equal(40, stream.Read(first));
        Assert.Equal(stored.File[10..50], first);

        var rest = new MemoryStream();
        var buffer = new byte[7];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            rest.Write(buffer, 0, read);
        }

        Assert.Equal(stored.File[50..], rest.ToArray());
        stream.Position = 0;
        var whole = new MemoryStream();
        stream.CopyTo(whole);
        Assert.Equal(stored.File, whole.ToArray());
    }

    [Fact]
    public void Length_is_the_files_and_seek_moves_from_the_beginning_the_current_position_and_the_end()
    {
        var stored = Stored(100);
        using var stream = Open(stored);
        Assert.Equal((100L, true, true, false), (stream.Length, stream.CanRead, stream.CanSeek, stream.CanWrite));

        Assert.Equal(33, stream.Seek(33, SeekOrigin.Begin));
        Assert.Equal(stored.File[33], stream.ReadByte());
        Assert.Equal(30, stream.Seek(-4, SeekOrigin.Current));
        Assert.Equal(stored.File[30], stream.ReadByte());
        Assert.Equal(95, stream.Seek(-5, SeekOrigin.End));
        var tail = new byte[10];
        Assert.Equal(5, stream.Read(tail));
        Assert.Equal(stored.File[95..], tail[..5]);
        Assert.Equal(100, stream.Position);

        Assert.Throws<IOException>(() => stream.Seek(-1, SeekOrigin.Begin));
        Assert.Throws<IOException>(() => stream.Seek(-101, SeekOrigin.End));
        Assert.Equal(100, stream.Position);
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(10));
    }

    [Fact]
    public void Reading_at_or_past_the_end_gives_nothing_and_fetches_nothing()
    {
        var fetched = new List<int>();
        var stored = Stored(40);
        using var stream = new SealedChunkStream(stored.Id, 40, sequence =>
        {
            fetched.Add(sequence);
            return stored.Sealed[sequence];
        }, Protector, Chunk);

        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(0, stream.Read(new byte[8]));
        stream.Position = 1000;
        Assert.Equal(0, stream.Read(new byte[8]));
        Assert.Equal(-1, stream.ReadByte());
        Assert.Empty(fetched);
        Assert.Equal(0, new SealedChunkStream(Guid.NewGuid(), 0, _ => throw new InvalidOperationException("an empty file has no chunk"), Protector, Chunk).Read(new byte[8]));
    }

    [Fact]
    public void Each_chunk_is_opened_when_a_read_first_reaches_it_and_the_last_two_are_kept()
    {
        var fetched = new List<int>();
        var stored = Stored(64);
        using var stream = new SealedChunkStream(stored.Id, 64, sequence =>
        {
            fetched.Add(sequence);
            return stored.Sealed[sequence];
        }, Protector, Chunk);

        stream.Position = 40;
        Assert.Equal(stored.File[40], stream.ReadByte());
        Assert.Equal([2], fetched.ToArray());

        // Back across a boundary and on again: chunks 1 and 2 are both kept.
        stream.Position = 20;
        var span = new byte[24];
        Assert.Equal(24, stream.Read(span));
        Assert.Equal(stored.File[20..44], span);
        Assert.Equal([2, 1], fetched.ToArray());

        // A third chunk pushes out the one used least recently (1), which is fetched again when needed.
        stream.Position = 50;
        stream.ReadByte();
        stream.Position = 17;
        stream.ReadByte();
        Assert.Equal([2, 1, 3, 1], fetched.ToArray());
        Assert.Equal(4, stream.ChunksOpened);
    }

    [Fact]
    public void A_tampered_chunk_or_one_moved_from_another_place_or_file_refuses_to_read()
    {
        var stored = Stored(64);
        var tampered = stored.Sealed.Select(c => c.ToArray()).ToList();
        tampered[2][^1] ^= 1;
        using var changed = Open((stored.File, stored.Id, tampered));
        // The chunks before it still read; the read that reaches it fails rather than returning altered bytes.
        Assert.Equal(stored.File[..32], ReadExactly(changed, 32));
        Assert.ThrowsAny<CryptographicException>(() => changed.Read(new byte[8]));

        var swapped = stored.Sealed.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        using var moved = Open((stored.File, stored.Id, swapped));
        Assert.ThrowsAny<CryptographicException>(() => moved.ReadByte());

        using var otherFile = Open((stored.File, Guid.NewGuid(), stored.Sealed));
        Assert.ThrowsAny<CryptographicException>(() => otherFile.ReadByte());
    }

    [Fact]
    public void A_missing_or_cut_short_chunk_refuses_to_read()
    {
        var stored = Stored(64);
        using var missing = Open((stored.File, stored.Id, stored.Sealed.Take(3).ToList()));
        missing.Position = 48;
        Assert.Throws<IOException>(() => missing.ReadByte());

        // A file that claims to be longer than what was stored: its last chunk is short of the length its place needs.
        var shorter = Stored(60);
        using var longer = Open((new byte[64], shorter.Id, shorter.Sealed));
        longer.Position = 50;
        Assert.Throws<IOException>(() => longer.ReadByte());
    }

    [Fact]
    public void A_workbook_kept_in_sealed_chunks_reads_as_the_same_rows_as_from_memory()
    {
        // Large enough for several 4 KiB chunks: ExcelDataReader seeks in the zip (central directory at the end, then each part).
        var rows = Enumerable.Range(1, 400).Select(i => new Dictionary<string, object?>
        {
            ["A"] = $"HS{i:D6}",
            ["B"] = $"名字{i * 7919 % 1000:D3}",
            ["C"] = i * 3.5,
        }).ToList();
        using var xlsx = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, rows, printHeader: false);
        var file = xlsx.ToArray();
        const int chunk = 4096;
        var id = Guid.NewGuid();
        var chunks = file.Chunk(chunk).Select((data, sequence) => Protector.Protect(data, ImportFileStore.Purpose(id, sequence))).ToList();
        Assert.True(chunks.Count >= 3, $"{file.Length} bytes is {chunks.Count} chunks");

        using var sealedStream = new SealedChunkStream(id, file.Length, sequence => chunks[sequence], Protector, chunk);
        var fromChunks = MonitoringSheet.WorkbookRows(sealedStream, null).ToList();
        var fromMemory = MonitoringSheet.WorkbookRows(new MemoryStream(file), null).ToList();

        Assert.Equal(400, fromChunks.Count);
        Assert.Equal(fromMemory.Select(r => string.Join('|', r ?? [])), fromChunks.Select(r => string.Join('|', r ?? [])));
        Assert.Equal("HS000400|名字600|1400", string.Join('|', fromChunks[^1] ?? []));
    }

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return buffer;
    }
}
