namespace ReliefPlatform.Portal.Hub;

// What the statement, payment and contract pages read of Funding's answers (states as text).

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
