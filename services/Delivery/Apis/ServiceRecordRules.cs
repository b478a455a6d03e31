using System.Text.RegularExpressions;
using ReliefPlatform.Delivery.Domain.WorkOrders;

namespace ReliefPlatform.Delivery.Apis;

/// <summary>Checks a check-out's service record field by field (messages in Chinese) and turns it into the domain's record.</summary>
public static partial class ServiceRecordRules
{
    public const int MaxRecordLength = 2000;
    public const int MaxStaff = 10;
    public const int MaxEvidence = 20;

    /// <returns>Field errors, or null when the record may be kept.</returns>
    public static Dictionary<string, string[]>? Check(CheckOutRequest? request, IReadOnlyList<string> requiredContent)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Units is null)
        {
            errors["units"] = ["请填写服务数量。"];
        }

        if (string.IsNullOrWhiteSpace(request?.Record) || request.Record.Length > MaxRecordLength)
        {
            errors["record"] = [$"请填写服务记录（不超过 {MaxRecordLength} 字）。"];
        }

        if (request?.ContentDone?.FirstOrDefault(c => !requiredContent.Contains(c, StringComparer.Ordinal)) is { } unknown)
        {
            errors["contentDone"] = [requiredContent.Count == 0
                ? "该工单的服务事项没有必含内容，无需勾选。"
                : $"“{Truncate(unknown)}”不是该事项服务标准的必含内容；可选：{string.Join("、", requiredContent)}。"];
        }

        if (request?.Staff is not { Length: >= 1 and <= MaxStaff } staff || !staff.All(s => StaffNumber().IsMatch(s)))
        {
            errors["staff"] = [$"请填写提供服务的工作人员工号（1–{MaxStaff} 个，字母、数字或连字符，不超过 32 位）。"];
        }

        if (request?.Evidence is { } evidence && (evidence.Length > MaxEvidence || !evidence.All(e => EvidenceReference().IsMatch(e))))
        {
            errors["evidence"] = [$"佐证材料为照片或签字单的编号或链接，最多 {MaxEvidence} 个，每个不超过 300 字符且不含空格。"];
        }

        if (request?.Place is { } place && !Enum.TryParse<ServicePlace>(place, ignoreCase: true, out _))
        {
            errors["place"] = ["服务地点为 home（上门）、centre（到站）或 remote（远程）。"];
        }

        if (!TryPosition(request?.Latitude, request?.Longitude, out _))
        {
            errors["latitude"] = ["位置须同时填写纬度（-90–90）和经度（-180–180），或都不填。"];
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>The domain's record from a request that passed <see cref="Check"/>.</summary>
    public static ServiceRecord From(CheckOutRequest request)
    {
        TryPosition(request.Latitude, request.Longitude, out var location);
        return new ServiceRecord(
            request.Units!.Value,
            request.Record!.Trim(),
            request.ContentDone ?? [],
            request.Staff ?? [],
            request.Evidence ?? [],
            request.Place is { } place ? Enum.Parse<ServicePlace>(place, ignoreCase: true) : ServicePlace.Home,
            location);
    }

    /// <summary>A position is both coordinates (in range) or neither; false when it is half given or out of range.</summary>
    public static bool TryPosition(double? latitude, double? longitude, out GeoPoint? location)
    {
        location = null;
        if (latitude is null && longitude is null)
        {
            return true;
        }

        if (!GeoPoint.IsValid(latitude, longitude))
        {
            return false;
        }

        location = new GeoPoint(latitude!.Value, longitude!.Value);
        return true;
    }

    private static string Truncate(string text) => text.Length > 20 ? text[..20] + "…" : text;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex StaffNumber();

    [GeneratedRegex(@"^\S{1,300}$")]
    private static partial Regex EvidenceReference();
}
