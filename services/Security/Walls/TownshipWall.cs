using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.Security.Walls;

/// <summary>
/// The township wall, applied in one place: every <see cref="ITownshipOwned"/> entity of a model gets the same named
/// query filter, so a forgotten <c>Where</c> — or a forgotten filter on a new entity — cannot leak another township's data.
/// </summary>
public static class TownshipWall
{
    /// <summary>The query filter's name (other filters of an entity, e.g. a provider's wall, keep their own).</summary>
    public const string FilterName = "township-wall";

    /// <summary>
    /// Walls every township-owned entity of the model by <paramref name="context"/>'s <see cref="ITownshipWalled.TownshipWall"/>.
    /// The filter reads the property of the context that runs the query (EF Core parameterises a context instance in a
    /// filter), never the value of the context that happened to build the model.
    /// </summary>
    public static ModelBuilder ApplyTownshipWall<TContext>(this ModelBuilder modelBuilder, TContext context)
        where TContext : DbContext, ITownshipWalled
    {
        var wall = Expression.Property(Expression.Constant(context), typeof(TContext).GetProperty(nameof(ITownshipWalled.TownshipWall))!);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITownshipOwned).IsAssignableFrom(e.ClrType)).ToList())
        {
            var entity = Expression.Parameter(entityType.ClrType, "entity");
            var owned = Expression.Property(entity, entityType.ClrType.GetProperty(nameof(ITownshipOwned.TownshipCode))!);
            var filter = Expression.OrElse(
                Expression.Equal(wall, Expression.Constant(null, typeof(string))),
                Expression.Equal(owned, wall));
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(FilterName, Expression.Lambda(filter, entity));
        }

        return modelBuilder;
    }
}
