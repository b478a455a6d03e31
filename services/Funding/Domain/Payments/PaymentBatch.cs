namespace ReliefPlatform.Funding.Domain.Payments;

/// <summary>
/// A payment batch (拨付批次): approved statements paid together under one accounting voucher (记账凭证号, unique), each for
/// exactly what it is payable. Recording it spends each service's reservation on its budget line.
/// </summary>
public sealed class PaymentBatch
{
    private readonly List<Payment> _payments = [];

    private PaymentBatch()
    {
    }

    public Guid Id { get; private set; }

    public string VoucherNumber { get; private set; } = "";

    public DateOnly PaidOn { get; private set; }

    public string PaidBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<Payment> Payments => _payments;

    public decimal Total => _payments.Sum(p => p.Amount);

    public static PaymentBatch Record(string voucherNumber, DateOnly paidOn, IEnumerable<(Guid StatementId, string ProviderId, decimal Amount)> payments, string by, DateTimeOffset at)
    {
        var batch = new PaymentBatch { Id = Guid.CreateVersion7(at), VoucherNumber = voucherNumber, PaidOn = paidOn, PaidBy = by, RecordedAt = at };
        batch._payments.AddRange(payments.Select(p => Payment.Of(batch.Id, p.StatementId, p.ProviderId, p.Amount)));
        return batch;
    }
}

/// <summary>One statement paid in a batch.</summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Guid BatchId { get; private set; }

    public Guid StatementId { get; private set; }

    public string ProviderId { get; private set; } = "";

    public decimal Amount { get; private set; }

    internal static Payment Of(Guid batchId, Guid statementId, string providerId, decimal amount) =>
        new() { BatchId = batchId, StatementId = statementId, ProviderId = providerId, Amount = amount };
}
