namespace ReliefPlatform.Provider.Domain.Providers;

/// <summary>
/// A provider in the county's service network (服务主体): a department, mass organisation, social organisation,
/// charity, volunteer team, or an individual volunteer or neighbour helper. Onboarding needs two people: one
/// reviews, another approves. Only an approved provider may be given work.
/// </summary>
public sealed class NetworkProvider
{
    private readonly List<StatusChange> _history = [];

    private NetworkProvider()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    /// <summary>An organisation's registered name; for an individual, the masked name (the full one is only stored encrypted).</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>Encrypted full name of an individual provider; null for organisations.</summary>
    public string? ProtectedPersonName { get; private set; }

    public string? CreditCode { get; private set; }

    /// <summary>The department or mass organisation it belongs to (民政, 卫健, 妇联 …), when it is one.</summary>
    public string? Affiliation { get; private set; }

    /// <summary>The township an individual or local team serves from; null for county-wide providers.</summary>
    public string? HomeTownship { get; private set; }

    public string ProtectedContactName { get; private set; } = "";

    public string ProtectedContactPhone { get; private set; } = "";

    public string ContactNameMasked { get; private set; } = "";

    public string ContactPhoneMasked { get; private set; } = "";

    public ProviderStatus Status { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public DateTimeOffset AppliedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public IReadOnlyList<StatusChange> History => _history;

    public static NetworkProvider Apply(
        string kind, string displayName, string? protectedPersonName, string? creditCode, string? affiliation, string? homeTownship,
        ProtectedContact contact, string by, DateTimeOffset at, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(at),
        Kind = kind,
        DisplayName = displayName,
        ProtectedPersonName = protectedPersonName,
        CreditCode = creditCode,
        Affiliation = affiliation,
        HomeTownship = homeTownship,
        ProtectedContactName = contact.ProtectedName,
        ProtectedContactPhone = contact.ProtectedPhone,
        ContactNameMasked = contact.NameMasked,
        ContactPhoneMasked = contact.PhoneMasked,
        Status = ProviderStatus.Applied,
        AppliedBy = by,
        AppliedAt = at,
    };

    public void ChangeContact(ProtectedContact contact)
    {
        ProtectedContactName = contact.ProtectedName;
        ProtectedContactPhone = contact.ProtectedPhone;
        ContactNameMasked = contact.NameMasked;
        ContactPhoneMasked = contact.PhoneMasked;
    }

    /// <summary>Corrects the registered details (each null stays); a provider that left the network or was refused is history and stays as it was.</summary>
    /// <returns>The names of the details that changed.</returns>
    public IReadOnlyList<string> Amend(string? organisationName, string? affiliation, ProtectedContact? contact)
    {
        if (Status is ProviderStatus.Terminated or ProviderStatus.Rejected)
        {
            throw new ProviderStateException("已退出或未通过入库的服务主体不能修改登记信息。");
        }

        var changed = new List<string>();
        if (organisationName is not null && organisationName != DisplayName)
        {
            DisplayName = organisationName;
            changed.Add("name");
        }

        if (affiliation is not null && affiliation != Affiliation)
        {
            Affiliation = affiliation;
            changed.Add("affiliation");
        }

        if (contact is not null)
        {
            ChangeContact(contact);
            changed.Add("contact");
        }

        return changed;
    }

    public void Review(string by, DateTimeOffset at, string? note)
    {
        Require(ProviderStatus.Applied, "只有已申请的服务主体可以初审。");
        ReviewedBy = by;
        Move(ProviderStatus.Reviewed, by, at, note);
    }

    /// <summary>The second person's approval: not the reviewer.</summary>
    public void Approve(string by, DateTimeOffset at, string? note)
    {
        Require(ProviderStatus.Reviewed, Status == ProviderStatus.Applied ? "须先经初审，再由另一人审批入库。" : "只有已初审的服务主体可以审批入库。");
        if (by == ReviewedBy)
        {
            throw new ProviderStateException("初审人不能审批同一服务主体入库，须由另一人审批。");
        }

        ApprovedAt = at;
        Move(ProviderStatus.Approved, by, at, note);
    }

    public void Reject(string by, DateTimeOffset at, string reason)
    {
        if (Status is not (ProviderStatus.Applied or ProviderStatus.Reviewed))
        {
            throw new ProviderStateException("只有尚未入库的申请可以不予通过。");
        }

        Move(ProviderStatus.Rejected, by, at, reason);
    }

    public void Suspend(string by, DateTimeOffset at, string reason)
    {
        Require(ProviderStatus.Approved, "只有已入库的服务主体可以暂停。");
        Move(ProviderStatus.Suspended, by, at, reason);
    }

    /// <summary>Back to work after a suspension — decided by someone other than who suspended it.</summary>
    public void Reinstate(string by, DateTimeOffset at, string reason)
    {
        Require(ProviderStatus.Suspended, "只有暂停中的服务主体可以恢复。");
        if (_history.LastOrDefault(h => h.To == ProviderStatus.Suspended)?.By == by)
        {
            throw new ProviderStateException("暂停人不能恢复同一服务主体，须由另一人决定。");
        }

        Move(ProviderStatus.Approved, by, at, reason);
    }

    public void Terminate(string by, DateTimeOffset at, string reason)
    {
        if (Status is not (ProviderStatus.Approved or ProviderStatus.Suspended))
        {
            throw new ProviderStateException("只有已入库或暂停中的服务主体可以退出。");
        }

        Move(ProviderStatus.Terminated, by, at, reason);
    }

    private void Require(ProviderStatus expected, string message)
    {
        if (Status != expected)
        {
            throw new ProviderStateException(message);
        }
    }

    private void Move(ProviderStatus to, string by, DateTimeOffset at, string? reason)
    {
        _history.Add(StatusChange.Record(Id, Status, to, by, at, reason));
        Status = to;
    }
}

/// <summary>A contact person's name and phone, encrypted, with their masked forms for display.</summary>
public sealed record ProtectedContact(string ProtectedName, string ProtectedPhone, string NameMasked, string PhoneMasked);
