namespace ReliefPlatform.Catalogue.Domain.Versions;

public enum VersionStatus
{
    /// <summary>草稿: being edited.</summary>
    Draft,

    /// <summary>待审批: handed in with an effective date, waiting for a second person.</summary>
    Submitted,

    /// <summary>已发布: approved; never changes again.</summary>
    Published,

    /// <summary>已作废: a draft given up.</summary>
    Discarded,
}
