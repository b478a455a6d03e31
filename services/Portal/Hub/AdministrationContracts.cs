namespace ReliefPlatform.Portal.Hub;

// What the statement, payment, project-file and account pages read of Funding's and Identity's answers (states as text).

public sealed record StatementLine(Guid WorkOrderId, string TownshipCode, string ItemCode, decimal Amount, DateTimeOffset ConfirmedAt, IReadOnlyList<string> Flags,
    string Review, decimal Deduction, decimal Payable, string? Reason);

public sealed record Statement(Guid Id, string ProviderId, Guid ContractId, string ContractNumber, int Year, string ProjectCode, string Month, string Status,
    decimal Total, decimal Deducted, decimal Payable, int Held, string PreparedBy, DateTimeOffset PreparedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? VoucherNumber, DateTimeOffset? PaidAt, IReadOnlyList<StatementLine> Lines);

public sealed record PaymentBatch(Guid Id, string VoucherNumber, DateOnly PaidOn, decimal Total, string PaidBy, DateTimeOffset RecordedAt);

public sealed record ContractedItem(string ItemCode, decimal UnitPrice, int QuantityCap);

public sealed record PurchaseContract(Guid Id, string Number, int Year, string ProjectCode, string ProviderId, IReadOnlyList<string> Townships, DateOnly From,
    DateOnly Until, IReadOnlyList<ContractedItem> Items, decimal CeilingAmount, DateTimeOffset AwardedAt);

public sealed record ProjectDocument(Guid Id, Guid ProjectId, string Stage, string StageName, string FileName, string ContentType, long Bytes, string Sha256,
    DateTimeOffset UploadedAt);

public sealed record Account(string Id, string UserName, string? DisplayName, string Role, string RoleName, string? TownshipCode, string? TownshipName,
    IReadOnlyList<string> VillageCodes, string? ProviderId, string? DepartmentCode, string? DepartmentName, string Status, string StatusName,
    bool AuthenticatorEnrolled, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil,
    DateTimeOffset? DisabledAt);

public sealed record AccountActivation(string Code, string ActivatePath, DateTimeOffset ExpiresAt);

public sealed record CreatedAccount(Account Account, AccountActivation Activation);

public sealed record AccountPageView(IReadOnlyList<Account> Items, int Total, int Page, int PageSize);

/// <summary>An authenticator (动态验证码) reset: done at once, or — for a county administrator's — waiting for a second administrator.</summary>
public sealed record AuthenticatorReset(string Status, string StatusName, Guid? RequestId, string? RequestedBy);
