using ReliefPlatform.Delivery.Domain.History;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.WorkOrders;

/// <summary>
/// A work order (服务工单): one item for one household by one provider, from reserved funds to a confirmed
/// service. An explicit state machine: every move is named after the act, and an illegal move is refused.
/// </summary>
public sealed class WorkOrder : ITownshipOwned
{
    private readonly List<WorkOrderStep> _steps = [];

    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string ItemCode { get; private set; } = "";

    /// <summary>The provider's id as it appears in provider staff's tokens.</summary>
    public string ProviderId { get; private set; } = "";

    public int Year { get; private set; }

    public string ProjectCode { get; private set; } = "";

    /// <summary>The purchase contract that prices the order, when it was priced by one.</summary>
    public Guid? ContractId { get; private set; }

    public int Units { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal Amount => Units * UnitPrice;

    /// <summary>The item's minimum minutes per session; a shorter service is flagged for supervision.</summary>
    public int StandardMinutes { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public DateOnly? ScheduledOn { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    public int? DeliveredUnits { get; private set; }

    public int? Minutes { get; private set; }

    public string? Record { get; private set; }

    /// <summary>What every session of the item must include (the catalogue's standard when the order was made).</summary>
    public string[] RequiredContent { get; private set; } = [];

    /// <summary>Which of the required content the provider's record says was done.</summary>
    public string[] ContentDone { get; private set; } = [];

    /// <summary>The provider's staff numbers (工号) who gave the service.</summary>
    public string[] Staff { get; private set; } = [];

    /// <summary>References to evidence kept elsewhere (photo or signed-sheet ids).</summary>
    public string[] Evidence { get; private set; } = [];

    public ServicePlace? Place { get; private set; }

    /// <summary>
    /// The device's position at check-in, sealed (it is, in effect, where a vulnerable household lives); kept only
    /// while the service is in progress and erased at check-out, when what supervision needs has been worked out.
    /// </summary>
    public string? SealedCheckInPosition { get; private set; }

    /// <summary>Whether the device reported its position at check-out.</summary>
    public bool PositionReported { get; private set; }

    /// <summary>How far from the check-in the service was checked out, in metres, when both positions were reported.</summary>
    public int? MovedMetres { get; private set; }

    /// <summary>Why supervision should look at the delivered service (<see cref="RecordFlags"/>); empty when the record is complete.</summary>
    public string[] Flags { get; private set; } = [];

    public bool FlaggedShort { get; private set; }

    public int? Satisfaction { get; private set; }

    /// <summary>What the recipient said about the service, if anything (free text; never in an event).</summary>
    public string? SatisfactionComment { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>The item's service levels when the order was made; the deadlines are fixed from them at assignment.</summary>
    public int ResponseHours { get; private set; }

    public int CompletionDays { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>A date must be agreed with the household by then.</summary>
    public DateTimeOffset? RespondBy { get; private set; }

    /// <summary>The service must be delivered by then.</summary>
    public DateTimeOffset? CompleteBy { get; private set; }

    public bool ResponseOverdueReported { get; private set; }

    /// <summary>The provider the order was taken from when it was last reassigned, and why (a reason code).</summary>
    public string? PreviousProviderId { get; private set; }

    public string? ReassignReason { get; private set; }

    /// <summary>How the recipient confirmed: <c>staff</c> (at the centre or by a visitor) or <c>code</c> (a one-time code given to the household).</summary>
    public string? ConfirmedVia { get; private set; }

    /// <summary>SHA-256 of the order id and the one-time confirmation code; the code itself is never stored.</summary>
    public string? ConfirmationCodeHash { get; private set; }

    public DateTimeOffset? ConfirmationCodeExpiresAt { get; private set; }

    public int ConfirmationCodeFailures { get; private set; }

    public bool CompletionOverdueReported { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The service plan whose line the order serves, when a plan's matching or its recurrence made it.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>The period a recurring plan line's order is for (county days, end exclusive); it must be delivered before the period ends.</summary>
    public DateOnly? PeriodStarts { get; private set; }

    public DateOnly? PeriodEnds { get; private set; }

    /// <summary>The batch of the county's past records this order was migrated from; null for an order made on the platform.</summary>
    public Guid? MigrationBatchId { get; private set; }

    public bool Migrated => MigrationBatchId is not null;

    public IReadOnlyList<WorkOrderStep> Steps => _steps;

    public static WorkOrder Create(
        Guid householdId, string townshipCode, string itemCode, string providerId, int year, string projectCode, int units, decimal unitPrice,
        int standardMinutes, string by, DateTimeOffset at, Guid? contractId = null, ServiceLevel? serviceLevel = null,
        IEnumerable<string>? requiredContent = null, Guid? planId = null, ServicePeriod? period = null)
    {
        var level = serviceLevel ?? ServiceLevel.Default;
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            TownshipCode = townshipCode,
            ItemCode = itemCode,
            ProviderId = providerId,
            Year = year,
            ProjectCode = projectCode,
            Units = units,
            UnitPrice = unitPrice,
            StandardMinutes = standardMinutes,
            RequiredContent = [.. requiredContent ?? []],
            ContractId = contractId,
            ResponseHours = level.ResponseHours,
            CompletionDays = level.CompletionDays,
            Status = WorkOrderStatus.AwaitingFunds,
            CreatedAt = at,
            PlanId = planId,
            PeriodStarts = period?.Starts,
            PeriodEnds = period?.Ends,
        };
        order._steps.Add(WorkOrderStep.Record(order.Id, null, WorkOrderStatus.AwaitingFunds, by, at));
        if (order.Amount == 0)
        {
            // Free and volunteer services need no money: assigned at once.
            order.Assign(at);
        }

        return order;
    }

    /// <summary>
    /// A service delivered before the platform, from the county's records: made closed (办结) as it stands — delivered, confirmed
    /// with its score when the recipient confirmed — each step at the time it happened, closed now by the person who migrated it.
    /// No move is allowed after. Paper records carry no device position or evidence ids: nothing is flagged.
    /// </summary>
    public static WorkOrder Migrate(MigratedService service, Guid batchId, string by, DateTimeOffset at)
    {
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(service.Started),
            HouseholdId = service.HouseholdId,
            TownshipCode = service.TownshipCode,
            ItemCode = service.ItemCode,
            ProviderId = service.ProviderId,
            Year = service.Year,
            ProjectCode = service.ProjectCode,
            ContractId = service.ContractId,
            Units = service.Units,
            UnitPrice = service.UnitPrice,
            CreatedAt = service.Started,
            AssignedAt = service.Started,
            ScheduledOn = service.DeliveredOn,
            CheckedInAt = service.Started,
            CheckedOutAt = service.Ended,
            DeliveredUnits = service.Units,
            Minutes = service.Minutes,
            Satisfaction = service.Satisfaction,
            ConfirmedVia = service.Confirmed ? "migrated" : null,
            MigrationBatchId = batchId,
            Status = WorkOrderStatus.Delivered,
        };
        order._steps.Add(WorkOrderStep.Record(order.Id, null, WorkOrderStatus.Delivered, by, service.Ended));
        if (service.ConfirmedAt is { } confirmedAt)
        {
            order.Move(WorkOrderStatus.Confirmed, by, confirmedAt);
        }

        order.Move(WorkOrderStatus.Closed, by, at);
        return order;
    }

    /// <summary>Funding reserved the money. False when the order has already moved on (a repeated or late answer).</summary>
    public bool FundsCommitted(DateTimeOffset at) => Status == WorkOrderStatus.AwaitingFunds && Assign(at);

    public bool FundsRejected(DateTimeOffset at) => Status == WorkOrderStatus.AwaitingFunds && Move(WorkOrderStatus.Rejected, "funding", at);

    public void Schedule(DateOnly on, string by, DateTimeOffset at)
    {
        Require("只有已派单或已预约的工单可以预约服务时间。", WorkOrderStatus.Assigned, WorkOrderStatus.Scheduled);
        ScheduledOn = on;
        Move(WorkOrderStatus.Scheduled, by, at);
    }

    /// <param name="sealedPosition">The device's position, sealed by the caller, when it reported one.</param>
    public void CheckIn(string by, DateTimeOffset at, string? sealedPosition = null)
    {
        Require("须先预约服务时间，才能签到。", WorkOrderStatus.Scheduled);
        CheckedInAt = at;
        SealedCheckInPosition = sealedPosition;
        Move(WorkOrderStatus.InProgress, by, at);
    }

    /// <summary>
    /// Check-out with the record of what was done. An incomplete record — shorter than the standard, required content
    /// missing, no evidence, no position, or far from where it checked in — is flagged for supervision, never refused.
    /// </summary>
    /// <param name="checkedInAt">The check-in position, unsealed by the caller, when one was reported.</param>
    public void CheckOut(ServiceRecord record, string by, DateTimeOffset at, GeoPoint? checkedInAt = null)
    {
        Require("须先签到，才能签退。", WorkOrderStatus.InProgress);
        if (record.Units < 1 || record.Units > Units)
        {
            throw new WorkOrderStateException($"服务数量应为 1–{Units}（不超过派单数量）。", AllowedMoves());
        }

        CheckedOutAt = at;
        DeliveredUnits = record.Units;
        Minutes = (int)Math.Floor((at - CheckedInAt!.Value).TotalMinutes);
        Record = record.Text;
        ContentDone = [.. record.ContentDone.Distinct(StringComparer.Ordinal)];
        Staff = [.. record.Staff];
        Evidence = [.. record.Evidence];
        Place = record.Place;
        PositionReported = record.Location is not null;
        MovedMetres = record.Location is { } end && checkedInAt is { } start ? (int)Math.Round(start.MetresTo(end)) : null;
        SealedCheckInPosition = null;
        Flags = RecordFlags.For(Minutes.Value, StandardMinutes, RequiredContent, record, checkedInAt);
        FlaggedShort = Flags.Contains(RecordFlags.TooShort);
        Move(WorkOrderStatus.Delivered, by, at);
    }

    public void Confirm(int satisfaction, string by, DateTimeOffset at, string? comment = null)
    {
        Require("只有已服务的工单可以确认。", WorkOrderStatus.Delivered);
        if (satisfaction is < 1 or > 5)
        {
            throw new WorkOrderStateException("满意度为 1–5 分。", AllowedMoves());
        }

        Satisfaction = satisfaction;
        SatisfactionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ConfirmedVia ??= "staff";
        Move(WorkOrderStatus.Confirmed, by, at);
    }

    public const int MaxCodeFailures = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// Issues a one-time confirmation code for a delivered service, to be handed to the household (by the township or
    /// a visitor, never the provider); the recipient gives it to the provider's staff to confirm on the spot. A new code
    /// replaces the old one.
    /// </summary>
    public string IssueConfirmationCode(string code, DateTimeOffset at)
    {
        Require("只有已服务、待确认的工单可以发放确认码。", WorkOrderStatus.Delivered);
        ConfirmationCodeHash = HashCode(code);
        ConfirmationCodeExpiresAt = at + CodeLifetime;
        ConfirmationCodeFailures = 0;
        return code;
    }

    /// <summary>Confirms with the household's one-time code. False (and one failure counted) when the code is wrong.</summary>
    public bool ConfirmByCode(string code, int satisfaction, string by, DateTimeOffset at, string? comment = null)
    {
        Require("只有已服务的工单可以确认。", WorkOrderStatus.Delivered);
        if (ConfirmationCodeHash is null || ConfirmationCodeExpiresAt is null)
        {
            throw new WorkOrderStateException("该工单没有有效的确认码，请乡镇或走访员发放。", AllowedMoves());
        }

        if (at > ConfirmationCodeExpiresAt || ConfirmationCodeFailures >= MaxCodeFailures)
        {
            throw new WorkOrderStateException("确认码已过期或错误次数过多，已失效，请重新发放。", AllowedMoves());
        }

        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(HashCode(code)), System.Text.Encoding.ASCII.GetBytes(ConfirmationCodeHash)))
        {
            ConfirmationCodeFailures++;
            return false;
        }

        Confirm(satisfaction, by, at, comment);
        ConfirmedVia = "code";
        ConfirmationCodeHash = null;
        ConfirmationCodeExpiresAt = null;
        return true;
    }

    private string HashCode(string code) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Id:N}:{code}")));

    public void Close(string by, DateTimeOffset at)
    {
        Require("只有已确认的工单可以办结。", WorkOrderStatus.Confirmed);
        Move(WorkOrderStatus.Closed, by, at);
    }

    /// <summary>
    /// Moves the order to another provider before the service starts: the agreed date is dropped and the deadlines
    /// run again from now, as for a new assignment.
    /// </summary>
    public void Reassign(string providerId, Guid? contractId, string reasonCode, string by, DateTimeOffset at)
    {
        Require("只有已派单或已预约、尚未开始服务的工单可以改派。", WorkOrderStatus.Assigned, WorkOrderStatus.Scheduled);
        if (providerId == ProviderId)
        {
            throw new WorkOrderStateException("改派须换一个服务主体。", AllowedMoves());
        }

        PreviousProviderId = ProviderId;
        ReassignReason = reasonCode;
        ProviderId = providerId;
        ContractId = contractId;
        ScheduledOn = null;
        ResponseOverdueReported = false;
        CompletionOverdueReported = false;
        Assign(at, by);
    }

    public void Cancel(string reasonCode, string by, DateTimeOffset at)
    {
        Require("服务开始后不能取消工单。", WorkOrderStatus.AwaitingFunds, WorkOrderStatus.Assigned, WorkOrderStatus.Scheduled);
        CancelReason = reasonCode;
        Move(WorkOrderStatus.Cancelled, by, at);
    }

    /// <summary>
    /// Which deadline the order has passed at <paramref name="now"/>: <c>completion</c> (not delivered in time) before
    /// <c>response</c> (no date agreed in time); null when it is on time or past the point where deadlines matter.
    /// </summary>
    public string? OverdueDeadline(DateTimeOffset now) => Status switch
    {
        WorkOrderStatus.Assigned or WorkOrderStatus.Scheduled or WorkOrderStatus.InProgress when now > CompleteBy => "completion",
        WorkOrderStatus.Assigned when now > RespondBy => "response",
        _ => null,
    };

    /// <summary>The deadline passed and not yet reported (each is reported once), marking it reported; null when there is none.</summary>
    public string? ReportOverdue(DateTimeOffset now)
    {
        var deadline = OverdueDeadline(now);
        switch (deadline)
        {
            case "completion" when !CompletionOverdueReported:
                CompletionOverdueReported = true;
                return deadline;
            case "response" when !ResponseOverdueReported:
                ResponseOverdueReported = true;
                return deadline;
            default:
                return null;
        }
    }

    /// <summary>The acts allowed from the current state, named as the API names them.</summary>
    public IReadOnlyList<string> AllowedMoves() => Status switch
    {
        WorkOrderStatus.AwaitingFunds => ["cancel"],
        WorkOrderStatus.Assigned => ["schedule", "reassign", "cancel"],
        WorkOrderStatus.Scheduled => ["schedule", "check-in", "reassign", "cancel"],
        WorkOrderStatus.InProgress => ["check-out"],
        WorkOrderStatus.Delivered => ["confirm"],
        WorkOrderStatus.Confirmed => ["close"],
        _ => [],
    };

    private bool Assign(DateTimeOffset at, string by = "funding")
    {
        AssignedAt = at;
        RespondBy = at.AddHours(ResponseHours);
        // A recurring line's order is due by its period's end (made ahead, it may wait longer than the item's completion days).
        CompleteBy = PeriodEnds is { } ends ? new ServicePeriod(PeriodStarts!.Value, ends).EndsAt : at.AddDays(CompletionDays);
        return Move(WorkOrderStatus.Assigned, by, at);
    }

    private void Require(string message, params WorkOrderStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new WorkOrderStateException(message, AllowedMoves());
        }
    }

    private bool Move(WorkOrderStatus to, string by, DateTimeOffset at)
    {
        _steps.Add(WorkOrderStep.Record(Id, Status, to, by, at));
        Status = to;
        return true;
    }
}

/// <summary>One move of a work order, kept for good.</summary>
public sealed class WorkOrderStep
{
    private WorkOrderStep()
    {
    }

    public long Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public WorkOrderStatus? From { get; private set; }

    public WorkOrderStatus To { get; private set; }

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    internal static WorkOrderStep Record(Guid workOrderId, WorkOrderStatus? from, WorkOrderStatus to, string by, DateTimeOffset at) =>
        new() { WorkOrderId = workOrderId, From = from, To = to, By = by, At = at };
}
