using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Apis;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Identity.Features.Accounts;

/// <summary>
/// The one step that makes a county usable outside Development: the first county administrator, created by an operator
/// on the Identity service's database and activated by its holder with the code printed here, once. Refused when a
/// county administrator already exists (run again only while the first has not activated: the earlier code stops
/// working). Every other account is created by an administrator.
/// </summary>
/// <example>
/// ConnectionStrings__identitydb="Host=…;Database=identitydb;…" dotnet ReliefPlatform.Identity.dll bootstrap-admin --user admin
/// </example>
public static class BootstrapCommand
{
    public const string Name = "bootstrap-admin";

    public static async Task<int> RunAsync(string[] args)
    {
        var userName = args.SkipWhile(a => a != "--user").Skip(1).FirstOrDefault()?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(userName))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} --user <user name of the first county administrator>");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.DatabaseOf(ResourceNames.Identity));
        if (string.IsNullOrEmpty(connectionString))
        {
            await Console.Error.WriteLineAsync($"ConnectionStrings:{ResourceNames.DatabaseOf(ResourceNames.Identity)} is not set: point it at the Identity service's database.");
            return 2;
        }

        builder.Services.AddDbContext<ReliefIdentityDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddIdentityCore<ReliefUser>(identity => identity.User.RequireUniqueEmail = false)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ReliefIdentityDbContext>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReliefUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var time = TimeProvider.System;

        await db.Database.MigrateAsync();
        if (!await roles.RoleExistsAsync(ReliefRoles.CountyAdmin))
        {
            await roles.CreateAsync(new IdentityRole(ReliefRoles.CountyAdmin));
        }

        var admins = await users.GetUsersInRoleAsync(ReliefRoles.CountyAdmin);
        var user = admins.FirstOrDefault(a => a.UserName == userName);
        if (admins.Any(a => a.PasswordHash is not null) || (admins.Count > 0 && user is null))
        {
            await Console.Error.WriteLineAsync("A county administrator already exists: further accounts are created by an administrator (POST /api/identity/accounts).");
            return 1;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (user is null)
        {
            user = new ReliefUser { UserName = userName, CreatedAt = time.GetUtcNow(), CreatedBy = "bootstrap" };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
                return 1;
            }

            await users.AddToRoleAsync(user, ReliefRoles.CountyAdmin);
        }

        var activation = await AccountActivations.IssueAsync(db, user.Id, "bootstrap", time.GetUtcNow(), CancellationToken.None);
        await AuditTrail.AppendAsync(db, time, "bootstrap", "account.created", AccountsApi.Subject(user), $"role={ReliefRoles.CountyAdmin}", CancellationToken.None);
        await transaction.CommitAsync();

        Console.WriteLine($"First county administrator: {userName}");
        Console.WriteLine($"Activation code (shown once, valid until {activation.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm}): {activation.Code}");
        Console.WriteLine($"Activate at <the county's address>{activation.ActivatePath}, then enrol an authenticator.");
        return 0;
    }
}
