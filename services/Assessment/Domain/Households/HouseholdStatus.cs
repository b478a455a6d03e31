namespace ReliefPlatform.Assessment.Domain.Households;

public enum HouseholdStatus
{
    Active,
    Exited,
}
