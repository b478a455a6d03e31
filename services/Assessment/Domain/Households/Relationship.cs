namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>A member's relationship to the head of household (与户主关系).</summary>
public enum Relationship
{
    /// <summary>户主</summary>
    Head,

    /// <summary>配偶</summary>
    Spouse,

    /// <summary>子女</summary>
    Child,

    /// <summary>父母</summary>
    Parent,

    /// <summary>孙子女</summary>
    Grandchild,

    /// <summary>兄弟姐妹</summary>
    Sibling,

    /// <summary>其他</summary>
    Other,
}
