namespace ReliefPlatform.Portal.Hub;

// What the provider network's pages read of Provider's answers (states as text).

public sealed record ProviderKind(string Code, string NameZh, string NameEn)
{
    public string Name(bool english) => english ? NameEn : NameZh;
}

public sealed record ProviderDetail(ProviderSummary Provider, IReadOnlyList<ProviderCapability> Capabilities, IReadOnlyList<ProviderQualification> Qualifications,
    IReadOnlyList<ProviderStatusChange> History);

public sealed record ProviderCapability(string ItemCode, IReadOnlyList<string> Townships, int Capacity, string Per, decimal WeeklyCapacity);

/// <param name="State">已过期, 未生效, 即将到期 or 有效, as the API judges it against the county's warning window.</param>
public sealed record ProviderQualification(Guid Id, string Type, string TypeName, string Number, DateOnly ValidFrom, DateOnly ValidUntil, string State);

public sealed record ProviderStatusChange(string From, string To, string By, DateTimeOffset At, string? Reason);

/// <summary>Sessions a week the approved network can deliver in a township for an item (资源布局's supply).</summary>
public sealed record TownshipCapacity(string TownshipCode, string ItemCode, int Providers, decimal WeeklyCapacity);

public sealed record ProviderRating(string ItemCode, int Count, decimal Mean, decimal SatisfiedShare);

/// <summary>A township's volunteer (志愿者) as the API shows them: name and phone masked, the time-bank balance in hours.</summary>
public sealed record Volunteer(Guid Id, string TownshipCode, string Name, string Phone, IReadOnlyList<string> Skills, IReadOnlyList<int> AvailableDays,
    decimal Balance, DateTimeOffset RegisteredAt);

/// <param name="Kind">Earned (hours for a service) or Redeemed (hours used for help received; negative hours).</param>
public sealed record TimeBankEntry(long Id, string Kind, decimal Hours, decimal BalanceAfter, string Reference, DateTimeOffset At);

/// <summary>One page of volunteers, newest first, and how many match in all.</summary>
public sealed record VolunteerList(IReadOnlyList<Volunteer> Items, int Page, int PageSize, int Total);

/// <summary>
/// 对口结对 as Provider's pairings API shows it: the pairer's kind (Cadre, PartyMember, Volunteer, Organisation), a person's
/// name masked, how often they visit, the period, and the visits recorded.
/// </summary>
public sealed record Pairing(Guid Id, Guid HouseholdId, string TownshipCode, string PairerKind, Guid? PairerId, string PairerName, int VisitsPerMonth,
    DateOnly From, DateOnly? Until, string? EndReason, IReadOnlyList<PairingVisit> Visits);

public sealed record PairingVisit(Guid Id, DateOnly VisitedOn, string Summary, DateTimeOffset RecordedAt);
