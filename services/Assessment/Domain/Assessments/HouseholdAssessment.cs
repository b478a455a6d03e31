using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>
/// One needs assessment of a household (困境评估): who visited, when and where, the answers, the stated
/// requests, and the result scored by a fixed instrument version. Draft → submitted → approved by a second
/// person (or returned for correction); an approved assessment never changes.
/// </summary>
public sealed class HouseholdAssessment : ITownshipOwned
{
    private HouseholdAssessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public int InstrumentVersion { get; private set; }

    public AssessmentPlace Place { get; private set; }

    public DateTimeOffset VisitedAt { get; private set; }

    /// <summary>The service requests in the household's own words (诉求), encrypted: they may name illnesses.</summary>
    public string? ProtectedRequests { get; private set; }

    /// <summary>Answers as JSON: indicator code → chosen option codes.</summary>
    public string Answers { get; private set; } = "{}";

    /// <summary>The full <see cref="AssessmentResult"/> as JSON, with the per-indicator breakdown.</summary>
    public string Result { get; private set; } = "{}";

    public decimal Score { get; private set; }

    public DifficultyDegree Degree { get; private set; }

    public string[] DifficultyTypes { get; private set; } = [];

    public string[] NeedCodes { get; private set; } = [];

    public AssessmentStatus Status { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    public static HouseholdAssessment Start(
        Guid householdId, string townshipCode, AssessmentPlace place, DateTimeOffset visitedAt, string answers, AssessmentResult result,
        string? protectedRequests, string createdBy, DateTimeOffset now)
    {
        var assessment = new HouseholdAssessment
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            TownshipCode = townshipCode,
            CreatedBy = createdBy,
            CreatedAt = now,
            Status = AssessmentStatus.Draft,
        };
        assessment.Record(place, visitedAt, answers, result, protectedRequests);
        return assessment;
    }

    public void Revise(AssessmentPlace place, DateTimeOffset visitedAt, string answers, AssessmentResult result, string? protectedRequests)
    {
        if (Status is not (AssessmentStatus.Draft or AssessmentStatus.Returned))
        {
            throw new AssessmentStateException($"只有草稿或退回的评估可以修改，本评估状态为{Status}。");
        }

        Record(place, visitedAt, answers, result, protectedRequests);
    }

    public void Submit(string by, DateTimeOffset now)
    {
        if (Status is not (AssessmentStatus.Draft or AssessmentStatus.Returned))
        {
            throw new AssessmentStateException("只有草稿或退回的评估可以提交。");
        }

        Status = AssessmentStatus.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
        ReturnReason = null;
    }

    /// <summary>Maker-checker: the person who filled in or submitted the assessment cannot approve it.</summary>
    public void Approve(string by, DateTimeOffset now)
    {
        RequireSubmittedAndAnotherPerson(by);
        Status = AssessmentStatus.Approved;
        ReviewedBy = by;
        ReviewedAt = now;
    }

    public void Return(string by, string reason, DateTimeOffset now)
    {
        RequireSubmittedAndAnotherPerson(by);
        Status = AssessmentStatus.Returned;
        ReviewedBy = by;
        ReviewedAt = now;
        ReturnReason = reason;
    }

    private void RequireSubmittedAndAnotherPerson(string by)
    {
        if (Status != AssessmentStatus.Submitted)
        {
            throw new AssessmentStateException("只有已提交的评估可以审核。");
        }

        if (by == CreatedBy || by == SubmittedBy)
        {
            throw new AssessmentStateException("评估须由填写和提交人以外的另一人审核。");
        }
    }

    private void Record(AssessmentPlace place, DateTimeOffset visitedAt, string answers, AssessmentResult result, string? protectedRequests)
    {
        Place = place;
        // Kept as the instant in UTC, whatever offset the visitor's device sent (PostgreSQL stores UTC only).
        VisitedAt = visitedAt.ToUniversalTime();
        Answers = answers;
        Result = InstrumentJson.Serialize(result);
        InstrumentVersion = result.InstrumentVersion;
        Score = result.Score;
        Degree = result.Degree;
        DifficultyTypes = [.. result.DifficultyTypes];
        NeedCodes = [.. result.NeedCodes];
        ProtectedRequests = protectedRequests;
    }
}

/// <summary>An illegal move of an assessment; the message is what staff read.</summary>
public sealed class AssessmentStateException(string message) : InvalidOperationException(message);
