using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Forwarding;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Township.Domain.Captures;
using ReliefPlatform.Township.Domain.Orders;
using ReliefPlatform.Township.Domain.Worklist;
using ReliefPlatform.Township.Extensions;

namespace ReliefPlatform.Township.Infrastructure;

/// <param name="TaskId">The worklist visit this answers (it is then done); a discovery visit also closes the hub's alert.</param>
/// <param name="Place">home (入户) or centre (在中心).</param>
/// <param name="Answers">The instrument's answers when the visit took an assessment (scored and approved at the hub).</param>
public sealed record VisitRequest(
    Guid? HouseholdId, Guid? TaskId, string? Place, DateTimeOffset? VisitedAt, string? Finding, Dictionary<string, string[]>? Answers, string? StatedRequests);

/// <param name="Comment">What the resident said about the service (optional, up to 200 characters; forwarded to Delivery, never into an event).</param>
public sealed record ConfirmationRequest(int? Satisfaction, string? Comment = null);

/// <param name="Category">NotDelivered, ServiceQuality, StaffConduct, Safety, Fees, Privacy or Other.</param>
public sealed record TownshipComplaintRequest(Guid? HouseholdId, Guid? WorkOrderId, string? Category, string? Description);

/// <param name="Category">低保, 特困供养, 低保边缘, 刚性支出困难, 防返贫监测对象 or 其他困难.</param>
/// <param name="Members">Everyone in the household, the applicant (户主) first; the household's size is their number.</param>
public sealed record RegistrationRequest(string? VillageCode, string? Category, string? Address, IReadOnlyList<ApplicantMember>? Members);

/// <param name="Relationship">户主, 配偶, 子女, 父母, 孙子女, 兄弟姐妹 or 其他.</param>
public sealed record ApplicantMember(string? Name, string? IdNumber, string? Relationship);

/// <summary>What the front desk made of a request: a capture waiting to sync, or why not.</summary>
public sealed record DeskResult(Capture? Capture, IDictionary<string, string[]>? Errors = null, bool NotFound = false, string? Conflict = null)
{
    public static DeskResult Invalid(IDictionary<string, string[]> errors) => new(null, errors);

    public static DeskResult Missing() => new(null, NotFound: true);

    public static DeskResult Refused(string reason) => new(null, Conflict: reason);
}

/// <summary>Wakes the forwarder when the front desk has taken something.</summary>
public sealed class CaptureSignal : WakeSignal;

/// <summary>
/// The front desk (服务窗口): visits, confirmations and complaints are checked here and accepted into the township's
/// own database with their local effect in one transaction — whether or not the hub can be reached — and then
/// forwarded by <see cref="CaptureForwarder"/>.
/// </summary>
public sealed class FrontDesk(TownshipDbContext db, PersonalDataProtector protector, CaptureSignal signal, CurrentUser user, TimeProvider time)
{
    public const string BodyPurpose = "township.capture";
    public const int MaxFindingLength = 500;
    public const int MaxComplaintLength = 1000;

    public static readonly IReadOnlyList<string> HouseholdCategories = ["低保", "特困供养", "低保边缘", "刚性支出困难", "防返贫监测对象", "其他困难"];

    public static readonly IReadOnlyList<string> ComplaintCategories = ["NotDelivered", "ServiceQuality", "StaffConduct", "Safety", "Fees", "Privacy", "Other"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DeskResult> RecordVisitAsync(VisitRequest request, CancellationToken cancellationToken)
    {
        if (request.HouseholdId is not { } householdId || !await db.Households.AnyAsync(h => h.HouseholdId == householdId, cancellationToken))
        {
            return DeskResult.Missing();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var task = request.TaskId is { } taskId
            ? await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && t.HouseholdId == householdId && t.State == VisitTaskState.Open, cancellationToken)
            : null;
        if (request.TaskId is not null && task is null)
        {
            errors["taskId"] = ["该家庭没有这项待办走访（或已完成）。"];
        }

        if (request.Place is not ("home" or "centre"))
        {
            errors["place"] = ["走访地点应为 home（入户）或 centre（在中心）。"];
        }

        var now = time.GetUtcNow();
        if (request.VisitedAt is not { } visitedAt || visitedAt > now.AddMinutes(10) || visitedAt < now.AddYears(-1))
        {
            errors["visitedAt"] = ["请填写走访时间，不能晚于现在，也不能早于一年前。"];
        }

        if (string.IsNullOrWhiteSpace(request.Finding) || request.Finding.Length > MaxFindingLength)
        {
            errors["finding"] = [$"请填写走访情况（不超过{MaxFindingLength}字）。"];
        }

        if (errors.Count > 0)
        {
            return DeskResult.Invalid(errors);
        }

        task?.Complete(user.Id, now);
        var alertId = task is { Kind: VisitTaskKind.DiscoveryVisit } ? task.SourceId : (Guid?)null;
        var body = new ForwardedVisit(alertId, request.Place!, request.VisitedAt!.Value, request.Finding!.Trim(), request.Answers, request.StatedRequests);
        return await TakeAsync(CaptureKind.Visit, householdId, task?.Id, body, "visit.record", $"household:{householdId}",
            $"task={task?.Id};kind={task?.Kind};place={request.Place};answers={request.Answers is not null}", cancellationToken);
    }

    public async Task<DeskResult> ConfirmAsync(Guid workOrderId, ConfirmationRequest request, CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(o => o.Id == workOrderId, cancellationToken);
        if (order is null)
        {
            return DeskResult.Missing();
        }

        if (!order.AwaitsConfirmation)
        {
            return DeskResult.Refused(order.ConfirmedHereAt is not null ? "该服务已在本中心确认，正等待同步。"
                : order.Status == HubOrderStatus.Confirmed ? "该服务已确认。" : $"该工单尚不能确认（当前：{OrderStatusName(order.Status)}）。");
        }

        if (request.Satisfaction is not (>= 1 and <= 5))
        {
            return DeskResult.Invalid(new Dictionary<string, string[]> { ["satisfaction"] = ["满意度为 1–5 分。"] });
        }

        if (request.Comment is { Length: > 200 })
        {
            return DeskResult.Invalid(new Dictionary<string, string[]> { ["comment"] = ["评价不超过200字。"] });
        }

        order.ConfirmHere(request.Satisfaction.Value, time.GetUtcNow());
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        return await TakeAsync(CaptureKind.Confirmation, order.HouseholdId, order.Id, new ForwardedConfirmation(request.Satisfaction.Value, comment),
            "confirmation.take", $"work-order:{order.Id}", $"household={order.HouseholdId};satisfaction={request.Satisfaction.Value}", cancellationToken);
    }

    public async Task<DeskResult> TakeComplaintAsync(TownshipComplaintRequest request, CancellationToken cancellationToken)
    {
        if (request.HouseholdId is not { } householdId || !await db.Households.AnyAsync(h => h.HouseholdId == householdId, cancellationToken))
        {
            return DeskResult.Missing();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Category is null || !ComplaintCategories.Contains(request.Category))
        {
            errors["category"] = [$"投诉类别应为 {string.Join("、", ComplaintCategories)}。"];
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > MaxComplaintLength)
        {
            errors["description"] = [$"请记录投诉内容（不超过 {MaxComplaintLength} 字）。"];
        }

        if (request.WorkOrderId is { } orderId && !await db.WorkOrders.AnyAsync(o => o.Id == orderId && o.HouseholdId == householdId, cancellationToken))
        {
            errors["workOrderId"] = ["该家庭没有这张工单。"];
        }

        if (errors.Count > 0)
        {
            return DeskResult.Invalid(errors);
        }

        var body = new ForwardedComplaint(householdId, request.WorkOrderId, request.Category!, request.Description!.Trim());
        return await TakeAsync(CaptureKind.Complaint, householdId, request.WorkOrderId, body, "complaint.take", $"household:{householdId}",
            $"workOrder={request.WorkOrderId};category={request.Category}", cancellationToken);
    }

    /// <summary>
    /// A household applying at the centre (依申请): checked here as far as the centre can (the hub checks the rest — a
    /// person already registered anywhere in the county comes back as a conflict), then forwarded to the registry.
    /// Until the hub has it, the application is its own queue (keyed by the capture), so it waits for nothing else.
    /// </summary>
    public async Task<DeskResult> RegisterAsync(RegistrationRequest request, CurrentTownship township, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.VillageCode))
        {
            errors["villageCode"] = ["请选择申请人所在的村（社区）。"];
        }
        else if (!township.Villages.Any(v => v.Code == request.VillageCode))
        {
            errors["villageCode"] = [$"“{request.VillageCode}”不是{township.Name}的村（社区），请从列表中选择。"];
        }

        if (request.Category is null || !HouseholdCategories.Contains(request.Category))
        {
            errors["category"] = [$"救助类别应为 {string.Join("、", HouseholdCategories)}。"];
        }

        if (request.Address is { Length: > 200 })
        {
            errors["address"] = ["地址不超过200字。"];
        }

        var members = request.Members ?? [];
        if (members.Count is 0 or > 30)
        {
            errors["members"] = ["请登记家庭成员（1–30人），申请人（户主）在先。"];
        }

        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (PersonName.Problem(member.Name) is { } nameProblem)
            {
                errors[$"members[{i}].name"] = [nameProblem];
            }

            if (!IdNumber.TryParse(member.IdNumber, time.CountyToday(), out _, out var idProblem))
            {
                errors[$"members[{i}].idNumber"] = [idProblem.Message];
            }

            if (member.Relationship is not ("户主" or "配偶" or "子女" or "父母" or "孙子女" or "兄弟姐妹" or "其他") || (i == 0) != (member.Relationship == "户主"))
            {
                errors[$"members[{i}].relationship"] = [i == 0 ? "第一位成员应为申请人（户主）。" : "与户主关系应为 配偶、子女、父母、孙子女、兄弟姐妹 或 其他。"];
            }
        }

        if (errors.Count > 0)
        {
            return DeskResult.Invalid(errors);
        }

        var body = new ForwardedRegistration(township.Code, request.VillageCode!, request.Category!, members.Count, request.Address?.Trim(),
            [.. members.Select(m => new ForwardedApplicant(m.Name!.Trim(), m.IdNumber!.Trim().ToUpperInvariant(), m.Relationship!))]);
        return await TakeAsync(CaptureKind.Registration, Guid.CreateVersion7(), null, body, "registration.take", null,
            $"village={request.VillageCode};category={request.Category};members={members.Count}", cancellationToken);
    }

    public static string OrderStatusName(HubOrderStatus status) => status switch
    {
        HubOrderStatus.Ordered => "已下单",
        HubOrderStatus.Assigned => "已派单",
        HubOrderStatus.Delivered => "已服务，待确认",
        HubOrderStatus.Confirmed => "已确认",
        _ => "已取消",
    };

    /// <summary>
    /// What a delivered service's record lacks, as the centre's staff read it (the hub's flag codes); the length only
    /// when <paramref name="withLength"/> (where the minutes are not shown beside it).
    /// </summary>
    public static List<string> RecordGaps(IEnumerable<string> flags, bool withLength) =>
    [
        .. flags.Select(flag => flag switch
        {
            ServiceRecordFlags.TooShort when withLength => "服务时长不足标准",
            ServiceRecordFlags.MissingContent => "缺少服务标准必含内容",
            ServiceRecordFlags.NoEvidence => "无佐证材料",
            ServiceRecordFlags.NoLocation => "无服务定位",
            ServiceRecordFlags.LocationMoved => "签到签退位置不符",
            _ => null,
        }).OfType<string>(),
    ];

    /// <summary>The capture's hub request body, decrypted for sending.</summary>
    public static string Body(Capture capture, PersonalDataProtector protector) => protector.Unprotect(capture.ProtectedBody, BodyPurpose);

    /// <summary>
    /// Accepts the capture with its local effect and its audit entry in one transaction. The entry names the act's subject
    /// (<paramref name="auditSubject"/>; the capture itself when null) and the capture that carries it to the hub — ids and
    /// codes only: what was said stays in the encrypted capture.
    /// </summary>
    private async Task<DeskResult> TakeAsync<TRecord>(
        CaptureKind kind, Guid householdId, Guid? subjectId, TRecord body, string action, string? auditSubject, string details, CancellationToken cancellationToken)
        where TRecord : IForwardedRecord
    {
        var capture = Capture.Take(kind, householdId, subjectId, protector.Protect(JsonSerializer.Serialize(body, Json), BodyPurpose), user.Id,
            time.GetUtcNow());
        db.Captures.Add(capture);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, action, auditSubject ?? $"capture:{capture.Id}", $"capture={capture.Id};{details}", cancellationToken);
        signal.Notify();
        return new DeskResult(capture);
    }
}
