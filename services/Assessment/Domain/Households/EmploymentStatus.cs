namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>
/// A member's employment status as the registry records it (from a visit or the monitoring file), so items for workers in
/// difficulty (工会) can be matched. The codes are the catalogue's <c>employment-status</c> vocabulary.
/// </summary>
public enum EmploymentStatus
{
    /// <summary>在业</summary>
    Employed,

    /// <summary>灵活就业</summary>
    FlexiblyEmployed,

    /// <summary>务农</summary>
    Farming,

    /// <summary>失业</summary>
    Unemployed,

    /// <summary>退休</summary>
    Retired,

    /// <summary>在校学生</summary>
    Student,

    /// <summary>丧失劳动能力</summary>
    UnableToWork,
}
