namespace ReliefPlatform.Funding.Domain.Statements;

/// <summary>Where a provider's monthly statement (结算单) stands.</summary>
public enum StatementStatus
{
    /// <summary>Drawn up from the month's confirmed services; held records are reviewed (released or deducted).</summary>
    Draft,

    /// <summary>A second person approved it (not the one who drew it up): it may be paid.</summary>
    Approved,

    /// <summary>Paid in a payment batch (拨付) with a voucher number; the money is spent on the budget lines.</summary>
    Paid,
}
