using Npgsql;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// Where PostgreSQL's time goes during a run: pg_stat_statements (the server loads it, <c>AppHost/infra/postgres.sh</c>) reset
/// before and read after, every database's normalised statements — parameters are never in them.
/// </summary>
internal static class StatementStats
{
    public sealed record Statement(string Database, string Query, long Calls, double TotalMs, long Rows);

    /// <summary>Zeroes the server's statement statistics (creating the extension in the first call's database).</summary>
    public static async Task ResetAsync(string postgres)
    {
        await using var connection = await OpenAsync(postgres);
        await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>The statements that took the most execution time since the reset, most first.</summary>
    public static async Task<List<Statement>> TopAsync(string postgres, int count)
    {
        await using var connection = await OpenAsync(postgres);
        await using var top = new NpgsqlCommand("""
            SELECT d.datname, s.query, s.calls, s.total_exec_time, s.rows
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE s.query NOT LIKE '%pg_stat_statements%' AND s.query NOT LIKE '%pg_sleep%' -- a job lease's holder, asleep by design
            ORDER BY s.total_exec_time DESC LIMIT @count
            """, connection);
        top.Parameters.AddWithValue("count", count);
        await using var reader = await top.ExecuteReaderAsync();
        var statements = new List<Statement>();
        while (await reader.ReadAsync())
        {
            statements.Add(new Statement(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return statements;
    }

    /// <summary>A statement on one line of a Markdown table, cut to <paramref name="length"/> characters.</summary>
    public static string OneLine(string query, int length = 140)
    {
        var line = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
        return line.Length <= length ? line : line[..length] + "…";
    }

    private static async Task<NpgsqlConnection> OpenAsync(string postgres)
    {
        var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        return connection;
    }
}
