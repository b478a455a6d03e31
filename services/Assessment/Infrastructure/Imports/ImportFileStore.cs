using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>
/// Uploaded import files, kept in PostgreSQL in 1 MiB chunks, each sealed with the personal-data key (AES-GCM, the job
/// and the chunk's place bound in, so a chunk cannot be moved to another file or position): streamed in, streamed out
/// from any offset, opened chunk by chunk — or read one chunk at a time where a reader seeks (<see cref="SealedChunkStream"/>).
/// </summary>
public static class ImportFileStore
{
    public const int ChunkSize = 1 << 20;

    public sealed record StoredFile(long Bytes, string Sha256, byte[] Head);

    /// <summary>Too large: the caller is told before anything is kept (the transaction rolls back).</summary>
    public sealed class TooLargeException(long limit) : Exception($"The upload is larger than {limit} bytes.")
    {
        public long Limit { get; } = limit;
    }

    /// <summary>What a chunk is sealed for: its file and its place in it.</summary>
    public static string Purpose(Guid jobId, int sequence) => $"import.file:{jobId}:{sequence}";

    /// <summary>Streams <paramref name="body"/> into sealed chunks of <paramref name="jobId"/> inside the caller's transaction.</summary>
    public static async Task<StoredFile> SaveAsync(
        NpgsqlConnection connection, Guid jobId, Stream body, long maxBytes, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        byte[]? head = null;
        long total = 0;
        var sequence = 0;
        await using var insert = new NpgsqlCommand("INSERT INTO import_file_chunks (\"JobId\", \"Sequence\", \"Data\", \"Sealed\") VALUES ($1, $2, $3, TRUE)", connection);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = jobId });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        while (true)
        {
            var filled = 0;
            int read;
            while (filled < ChunkSize && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            total += filled;
            if (total > maxBytes)
            {
                throw new TooLargeException(maxBytes);
            }

            head ??= buffer[..Math.Min(filled, 64 * 1024)];
            sha.AppendData(buffer, 0, filled);
            insert.Parameters[1].Value = sequence;
            insert.Parameters[2].Value = protector.Protect(buffer.AsSpan(0, filled), Purpose(jobId, sequence));
            sequence++;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (filled < ChunkSize)
            {
                break;
            }
        }

        return new StoredFile(total, Convert.ToHexStringLower(sha.GetHashAndReset()), head ?? []);
    }

    /// <summary>One chunk's bytes as stored (sealed), read on the caller's connection (inside its transaction); null when there is none.</summary>
    public static byte[]? StoredChunk(NpgsqlConnection connection, Guid fileId, int sequence)
    {
        using var select = new NpgsqlCommand("SELECT \"Data\" FROM import_file_chunks WHERE \"JobId\" = $1 AND \"Sequence\" = $2 AND \"Sealed\"", connection);
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = fileId });
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = sequence });
        using var reader = select.ExecuteReader();
        return reader.Read() ? reader.GetFieldValue<byte[]>(0) : null;
    }

    /// <summary>
    /// The file from <paramref name="offset"/> on, read and opened chunk by chunk on its own connection. A chunk stored
    /// in clear before sealing began is returned as it is.
    /// </summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        NpgsqlDataSource dataSource, Guid jobId, long offset, PersonalDataProtector protector,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sequence = (int)(offset / ChunkSize);
        var skip = (int)(offset % ChunkSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT \"Data\", \"Sealed\" FROM import_file_chunks WHERE \"JobId\" = $1 AND \"Sequence\" = $2", connection);
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = jobId });
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        while (true)
        {
            select.Parameters[1].Value = sequence;
            byte[] data;
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    yield break;
                }

                data = reader.GetFieldValue<byte[]>(0);
                if (reader.GetBoolean(1))
                {
                    data = protector.Unprotect(data, Purpose(jobId, sequence));
                }
            }

            sequence++;
            yield return data.AsMemory(skip);
            skip = 0;
        }
    }
}
