namespace ReliefPlatform.Assessment.Domain.Assessments;

public enum AssessmentStatus
{
    /// <summary>Being filled in; answers can change.</summary>
    Draft,

    /// <summary>Handed in for a second person's approval.</summary>
    Submitted,

    /// <summary>Sent back by the reviewer with a reason; answers can change and it can be submitted again.</summary>
    Returned,

    /// <summary>Approved by a second person; the household's current result.</summary>
    Approved,
}
