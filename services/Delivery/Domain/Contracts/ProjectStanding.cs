namespace ReliefPlatform.Delivery.Domain.Contracts;

/// <summary>
/// Where a purchase project stands, as Delivery learned it from Funding's ProjectStageChanged (the latest change wins,
/// whatever order the events arrive in): a project that failed 验收 or is 结项 takes no new work orders; its open ones finish.
/// </summary>
public sealed class ProjectStanding
{
    private ProjectStanding()
    {
    }

    public int Year { get; private set; }

    public string ProjectCode { get; private set; } = "";

    public string Stage { get; private set; } = "";

    public string? Outcome { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>Failed its acceptance or closed.</summary>
    public bool Shut { get; private set; }

    public static ProjectStanding Learn(int year, string projectCode) => new() { Year = year, ProjectCode = projectCode, ChangedAt = DateTimeOffset.MinValue };

    public void Changed(string stage, string? outcome, DateTimeOffset at)
    {
        if (at < ChangedAt)
        {
            return;
        }

        Stage = stage;
        Outcome = outcome;
        ChangedAt = at;
        Shut = stage == "Closed" || (stage == "Accepted" && outcome == "Fail");
    }
}
