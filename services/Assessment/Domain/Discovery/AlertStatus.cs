namespace ReliefPlatform.Assessment.Domain.Discovery;

public enum AlertStatus
{
    Open,
    Closed,
}
