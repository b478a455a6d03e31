using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>Uploaded import files, kept in PostgreSQL in 1 MiB chunks: streamed in, streamed out from any offset.</summary>
public static class ImportFileStore
{
    public const int ChunkSize = 1 << 20;

    public sealed record StoredFile(long Bytes, string Sha256, byte[] Head);

    /// <summary>Too large: the caller is told before anything is kept (the transaction rolls back).</summary>
    public sealed class TooLargeException(long limit) : Exception($"The upload is larger than {limit} bytes.")
    {
        public long Limit { get; } = limit;
    }

    /// <summary>Streams <paramref name="body"/> into chunks of <paramref name="jobId"/> inside the caller's transaction.</summary>
    public static async Task<StoredFile> SaveAsync(NpgsqlConnection connection, Guid jobId, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        byte[]? head = null;
        long total = 0;
        var sequence = 0;
        await using var insert = new NpgsqlCommand("INSERT INTO import_file_chunks (\"JobId\", \"Sequence\", \"Data\") VALUES ($1, $2, $3)", connection);
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
            insert.Parameters[1].Value = sequence++;
            insert.Parameters[2].Value = filled == ChunkSize ? buffer : buffer[..filled];
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (filled < ChunkSize)
            {
                break;
            }
        }

        return new StoredFile(total, Convert.ToHexStringLower(sha.GetHashAndReset()), head ?? []);
    }

    /// <summary>The file from <paramref name="offset"/> on, read chunk by chunk on its own connection.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        NpgsqlDataSource dataSource, Guid jobId, long offset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sequence = (int)(offset / ChunkSize);
        var skip = (int)(offset % ChunkSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT \"Data\" FROM import_file_chunks WHERE \"JobId\" = $1 AND \"Sequence\" = $2", connection);
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = jobId });
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        while (true)
        {
            select.Parameters[1].Value = sequence++;
            if (await select.ExecuteScalarAsync(cancellationToken) is not byte[] data)
            {
                yield break;
            }

            yield return data.AsMemory(skip);
            skip = 0;
        }
    }
}
