using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// A workbook upload is kept, while it is read, in the import store's sealed chunks on the county's own Assessment
/// database — in a transaction that is never committed: it reads back whole from any place, and no other session sees
/// any of it, then or afterwards.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class SealedUploadTests(CountyAppFixture county)
{
    private static readonly PersonalDataProtector Protector = new(Options.Create(new PersonalDataOptions
    {
        Keys = new() { ["test"] = PersonalDataProtector.NewKey() },
        ActiveKey = "test",
        IndexKey = PersonalDataProtector.NewKey(),
    }));

    [Fact]
    public async Task An_upload_kept_for_reading_reads_back_whole_from_any_place_and_no_other_session_ever_sees_it()
    {
        // Three whole chunks and part of a fourth, bytes no compression or pattern could fake.
        var file = RandomNumberGenerator.GetBytes((3 * ImportFileStore.ChunkSize) + 12_345);
        await using var dataSource = NpgsqlDataSource.Create(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await using var other = await dataSource.OpenConnectionAsync();

        Guid id;
        await using (var upload = await SealedUpload.KeepAsync(dataSource, new MemoryStream(file), file.Length, Protector, TimeProvider.System, CancellationToken.None))
        {
            id = upload.Id;
            Assert.Equal((file.LongLength, Convert.ToHexStringLower(SHA256.HashData(file))), (upload.Length, upload.Sha256));

            using var whole = upload.OpenRead();
            var copy = new MemoryStream();
            await whole.CopyToAsync(copy);
            Assert.Equal(file, copy.ToArray());

            // Back across a chunk boundary, and the end, as ExcelDataReader moves in a zip.
            using var stream = upload.OpenRead();
            var across = new byte[10];
            stream.Seek((2 * ImportFileStore.ChunkSize) - 5, SeekOrigin.Begin);
            stream.ReadExactly(across);
            Assert.Equal(file[((2 * ImportFileStore.ChunkSize) - 5)..((2 * ImportFileStore.ChunkSize) + 5)], across);
            stream.Seek(-22, SeekOrigin.End);
            var tail = new byte[64];
            Assert.Equal(22, stream.Read(tail));
            Assert.Equal(file[^22..], tail[..22]);

            // A second reader at the same time (the preview's sheet list beside its rows) reads on the same connection.
            using var second = upload.OpenRead();
            second.Position = ImportFileStore.ChunkSize;
            Assert.Equal(file[ImportFileStore.ChunkSize], second.ReadByte());

            Assert.Equal(0L, await ChunksAsync(other, id));
        }

        Assert.Equal(0L, await ChunksAsync(other, id));

        // Over the limit: refused, and nothing of it kept either.
        await Assert.ThrowsAsync<ImportFileStore.TooLargeException>(() =>
            SealedUpload.KeepAsync(dataSource, new MemoryStream(file), ImportFileStore.ChunkSize, Protector, TimeProvider.System, CancellationToken.None));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM import_file_chunks c WHERE NOT EXISTS (SELECT 1 FROM import_jobs j WHERE j.\"Id\" = c.\"JobId\")", other);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task<long> ChunksAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM import_file_chunks WHERE \"JobId\" = $1", connection);
        command.Parameters.AddWithValue(id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
