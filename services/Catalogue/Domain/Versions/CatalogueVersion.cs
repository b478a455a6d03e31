namespace ReliefPlatform.Catalogue.Domain.Versions;

/// <summary>
/// A version of the county's service catalogue. Drafted from the latest published version, edited, submitted
/// with an effective date, and published only when a second person — not its submitter or any of its
/// editors — approves it. A published version is never changed; the next one supersedes it from its own date.
/// </summary>
public sealed class CatalogueVersion
{
    private CatalogueVersion()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The published version number (1, 2, …); none until published.</summary>
    public int? Number { get; private set; }

    /// <summary>The published version this draft started from; publishing refuses a draft whose base is no longer the latest.</summary>
    public int? BasedOn { get; private set; }

    public VersionStatus Status { get; private set; }

    /// <summary>What changed and why, for the approver and the record (修订说明).</summary>
    public string Note { get; private set; } = "";

    public DateOnly? EffectiveFrom { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string[] Editors { get; private set; } = [];

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public static CatalogueVersion Draft(int? basedOn, string note, string userId, DateTimeOffset now)
    {
        var version = new CatalogueVersion
        {
            Id = Guid.CreateVersion7(now),
            BasedOn = basedOn,
            Status = VersionStatus.Draft,
            Note = note,
            CreatedBy = userId,
            CreatedAt = now,
        };
        version.Editors = [userId];
        return version;
    }

    /// <summary>Records who changed the draft; every editor is barred from approving it.</summary>
    public void Edit(string userId)
    {
        if (Status != VersionStatus.Draft)
        {
            throw new CatalogueStateException(Status == VersionStatus.Submitted
                ? "该版本已提交审批，不能再修改；如需修改请先退回。"
                : "只有草稿可以修改。");
        }

        if (!Editors.Contains(userId))
        {
            Editors = [.. Editors, userId];
        }
    }

    public void Submit(DateOnly effectiveFrom, string note, string userId, DateTimeOffset now)
    {
        Edit(userId);
        Status = VersionStatus.Submitted;
        EffectiveFrom = effectiveFrom;
        Note = note;
        SubmittedBy = userId;
        SubmittedAt = now;
        ReturnReason = null;
    }

    public void Return(string reason, string userId)
    {
        RequireSubmitted();
        if (Editors.Contains(userId))
        {
            throw new CatalogueStateException("起草或修改过该版本的人不能审批它。");
        }

        Status = VersionStatus.Draft;
        ReturnReason = reason;
    }

    public void Approve(int number, string userId, DateTimeOffset now)
    {
        RequireSubmitted();
        if (Editors.Contains(userId))
        {
            throw new CatalogueStateException("起草或修改过该版本的人不能审批它，须由另一人审批。");
        }

        Status = VersionStatus.Published;
        Number = number;
        ApprovedBy = userId;
        PublishedAt = now;
    }

    public void Discard(string userId)
    {
        Edit(userId);
        Status = VersionStatus.Discarded;
    }

    private void RequireSubmitted()
    {
        if (Status != VersionStatus.Submitted)
        {
            throw new CatalogueStateException(Status switch
            {
                VersionStatus.Published => "该版本已经发布。",
                VersionStatus.Draft => "该版本尚未提交审批。",
                _ => "该版本已作废。",
            });
        }
    }

    /// <summary>The seed catalogue the county starts with: published by the system, effective from the given date.</summary>
    public static CatalogueVersion Seeded(DateOnly effectiveFrom, string note, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Number = 1,
        Status = VersionStatus.Published,
        Note = note,
        EffectiveFrom = effectiveFrom,
        CreatedBy = "system",
        CreatedAt = now,
        SubmittedBy = "system",
        SubmittedAt = now,
        ApprovedBy = "system",
        PublishedAt = now,
    };
}
