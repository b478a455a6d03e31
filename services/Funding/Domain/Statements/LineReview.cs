namespace ReliefPlatform.Funding.Domain.Statements;

/// <summary>What supervision decided about one confirmed service on a statement.</summary>
public enum LineReview
{
    /// <summary>A clean record: paid as confirmed.</summary>
    Payable,

    /// <summary>Flagged (short, or its record incomplete): held back until reviewed; the statement cannot be approved meanwhile.</summary>
    Held,

    /// <summary>Reviewed and paid in full, with the reason.</summary>
    Released,

    /// <summary>Reviewed and paid less the deduction, with the reason (the rest returns to the budget line).</summary>
    Deducted,
}
