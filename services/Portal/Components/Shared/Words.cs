using Microsoft.Extensions.Localization;

namespace ReliefPlatform.Portal.Components.Shared;

/// <summary>The APIs' codes (states, kinds) in the user's language; a code the resources do not know is shown as it is.</summary>
internal static class Words
{
    public static string Status(this IStringLocalizer<Strings> text, string? code) => Word(text, "Status_", code);

    public static string ComplaintKind(this IStringLocalizer<Strings> text, string? code) => Word(text, "Complaint_", code);

    /// <summary>A service standard's period (<c>Week</c>, <c>Month</c>, …) as "每周" or "per week".</summary>
    public static string Period(this IStringLocalizer<Strings> text, string? code) => Word(text, "Per_", code);

    /// <summary>A monitoring import's state (an import "completes"; a complaint "is closed").</summary>
    public static string ImportStatus(this IStringLocalizer<Strings> text, string? code) => Word(text, "ImportStatus_", code);

    /// <summary>A difficulty degree (<c>General</c>, <c>Serious</c>, <c>Severe</c>) in words.</summary>
    public static string Degree(this IStringLocalizer<Strings> text, string? code) => Word(text, "Degree_", code);

    /// <summary>A purchase project's stage (<c>Initiated</c>, <c>MidTermReviewed</c>, …) in words.</summary>
    public static string ProjectStage(this IStringLocalizer<Strings> text, string? code) => Word(text, "ProjectStage_", code);

    /// <summary>An acceptance's outcome (<c>Pass</c>, <c>Rectify</c>, <c>Fail</c>).</summary>
    public static string Outcome(this IStringLocalizer<Strings> text, string? code) => Word(text, "Outcome_", code);

    /// <summary>Where a stage proposal stands (<c>Proposed</c>, <c>Approved</c>, <c>Returned</c>).</summary>
    public static string Proposal(this IStringLocalizer<Strings> text, string? code) => Word(text, "Proposal_", code);

    /// <summary>Why a service record is in front of supervision (<c>short</c>, <c>no-evidence</c>, …).</summary>
    public static string Flag(this IStringLocalizer<Strings> text, string? code) => Word(text, "Flag_", code);

    /// <summary>A department or mass organisation (<c>education</c>, <c>womens-federation</c>, …) by its name.</summary>
    public static string Department(this IStringLocalizer<Strings> text, string? code) => Word(text, "Department_", code);

    private static string Word(IStringLocalizer<Strings> text, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }

        var word = text[prefix + code];
        return word.ResourceNotFound ? code : word.Value;
    }
}
