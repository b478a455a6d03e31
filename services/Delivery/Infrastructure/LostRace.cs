using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>A save that lost to a concurrent one: a row changed since it was read (xmin), or a recurring period already claimed (its unique key).</summary>
internal static class LostRace
{
    public static bool To(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
