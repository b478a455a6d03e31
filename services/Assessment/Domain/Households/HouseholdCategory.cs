namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>The county's household categories (救助对象类别).</summary>
public enum HouseholdCategory
{
    /// <summary>低保 — minimum living guarantee.</summary>
    MinimumLivingGuarantee,

    /// <summary>特困供养 — destitute persons' support.</summary>
    DestituteSupport,

    /// <summary>低保边缘 — on the margin of the minimum living guarantee.</summary>
    MarginalLowIncome,

    /// <summary>刚性支出困难 — hardship from unavoidable expenses.</summary>
    RigidExpenditureHardship,

    /// <summary>防返贫监测对象 — monitored against falling back into poverty.</summary>
    PovertyRelapseMonitoring,

    /// <summary>其他困难 — other hardship.</summary>
    OtherHardship,
}
