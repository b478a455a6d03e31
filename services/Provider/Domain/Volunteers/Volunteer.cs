using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Provider.Domain.Volunteers;

/// <summary>
/// A registered volunteer (志愿者) of a township: skills, when they are available, and their time-bank balance
/// (时间银行). The balance only changes together with a ledger entry and never goes below zero.
/// </summary>
public sealed class Volunteer : ITownshipOwned
{
    private Volunteer()
    {
    }

    public Guid Id { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string ProtectedName { get; private set; } = "";

    public string NameMasked { get; private set; } = "";

    public string ProtectedPhone { get; private set; } = "";

    public string PhoneMasked { get; private set; } = "";

    /// <summary>Catalogue item codes the volunteer can help with (e.g. shopping, home-visit).</summary>
    public string[] Skills { get; private set; } = [];

    /// <summary>Days of the week available, 1 = Monday … 7 = Sunday.</summary>
    public int[] AvailableDays { get; private set; } = [];

    /// <summary>Hours in the time bank, to the tenth of an hour.</summary>
    public decimal Balance { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Volunteer Register(
        string townshipCode, string protectedName, string nameMasked, string protectedPhone, string phoneMasked,
        IEnumerable<string> skills, IEnumerable<int> availableDays, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        TownshipCode = townshipCode,
        ProtectedName = protectedName,
        NameMasked = nameMasked,
        ProtectedPhone = protectedPhone,
        PhoneMasked = phoneMasked,
        Skills = [.. skills.Distinct().Order(StringComparer.Ordinal)],
        AvailableDays = [.. availableDays.Distinct().Order()],
        RegisteredAt = at,
    };
}
