using Npgsql;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// An upload kept while it is read more than once — a workbook (ExcelDataReader seeks in its zip or OLE file), or another
/// source's CSV read through a profile — as the store keeps every upload: streamed into sealed 1 MiB chunks, never in
/// clear on disk and never whole in memory, and read back through a <see cref="SealedChunkStream"/>. The chunks are
/// written in a transaction of its own, on a connection of its own, that is never committed: no other session ever sees
/// them, disposing rolls them back, and a crash leaves nothing behind (PostgreSQL rolls back the transaction of a
/// connection that drops). What the import keeps is the converted CSV, stored under its job as before.
/// </summary>
public sealed class SealedUpload : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly PersonalDataProtector protector;
    private readonly Lock gate = new();

    private SealedUpload(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, ImportFileStore.StoredFile stored, PersonalDataProtector protector)
    {
        (this.connection, this.transaction, this.protector, Id) = (connection, transaction, protector, id);
        (Length, Sha256, Head) = (stored.Bytes, stored.Sha256, stored.Head);
    }

    /// <summary>The id its chunks are sealed for; no job has it.</summary>
    public Guid Id { get; }

    public long Length { get; }

    /// <summary>The upload's own SHA-256 (hex), as the job keeps it to recognise the same file.</summary>
    public string Sha256 { get; }

    /// <summary>The first 64 KiB (to detect a text file's encoding).</summary>
    public byte[] Head { get; }

    /// <summary>Streams <paramref name="body"/> into sealed chunks, refusing one over <paramref name="limit"/> bytes (nothing is kept).</summary>
    /// <exception cref="ImportFileStore.TooLargeException">Larger than the limit.</exception>
    public static async Task<SealedUpload> KeepAsync(
        NpgsqlDataSource dataSource, Stream body, long limit, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var id = Guid.CreateVersion7(time.GetUtcNow());
            var stored = await ImportFileStore.SaveAsync(connection, id, body, limit, protector, cancellationToken);
            return new SealedUpload(connection, transaction, id, stored, protector);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The upload from its start, seekable, each chunk opened when a read reaches it. Each reader takes a stream of its own;
    /// they share this upload's connection, one fetch at a time.
    /// </summary>
    public SealedChunkStream OpenRead() => new(Id, Length, Fetch, protector);

    private byte[]? Fetch(int sequence)
    {
        lock (gate)
        {
            return ImportFileStore.StoredChunk(connection, Id, sequence);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone: PostgreSQL rolled the transaction back with it.
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
