namespace ReliefPlatform.Provider.Domain.Incubations;

/// <summary>A milestone of the incubation plan (e.g. 完成登记注册, 组建专职团队, 独立运营一个服务项目) and when it was reached.</summary>
public sealed class IncubationMilestone
{
    private IncubationMilestone()
    {
    }

    public Guid Id { get; private set; }

    public Guid IncubationId { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly Due { get; private set; }

    public DateOnly? AchievedOn { get; private set; }

    public string? Note { get; private set; }

    internal static IncubationMilestone Plan(Guid incubationId, string title, DateOnly due, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(at), IncubationId = incubationId, Title = title, Due = due };

    internal void Achieve(DateOnly on, string? note)
    {
        if (AchievedOn is not null)
        {
            throw new IncubationStateException("该里程碑已达成。");
        }

        AchievedOn = on;
        Note = note;
    }
}
