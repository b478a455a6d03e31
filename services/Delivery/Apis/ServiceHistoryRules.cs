using System.Text.RegularExpressions;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Domain.History;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="DeliveredOn">The county day the service was given.</param>
/// <param name="Minutes">How long it took.</param>
/// <param name="UnitPrice">Leave out for the contract's unit price; never above it.</param>
/// <param name="Confirmed">Whether the recipient confirmed the service (signed for it); then <c>satisfaction</c> is required.</param>
/// <param name="ConfirmedOn">The day the recipient confirmed; the service's day when left out.</param>
public sealed record HistoricalServiceRequest(
    Guid? HouseholdId, string? ItemCode, string? ProviderId, DateOnly? DeliveredOn, int? Units, int? Minutes, decimal? UnitPrice = null, bool? Confirmed = null,
    int? Satisfaction = null, DateOnly? ConfirmedOn = null);

/// <param name="SourceReference">The county's reference for where the records come from (a ledger's or file's number); a batch with a reference already migrated writes nothing.</param>
public sealed record ServiceHistoryRequest(string? SourceReference, IReadOnlyList<HistoricalServiceRequest?>? Records);

/// <summary>What the services know that a batch of past records is checked against.</summary>
/// <param name="Townships">The township of every household Delivery knows among the batch's, by household id.</param>
/// <param name="Contracts">The purchase contracts of the batch's providers.</param>
/// <param name="UnitsOrdered">Units already ordered under each contract's item (orders neither cancelled nor refused their money).</param>
public sealed record ServiceHistoryFacts(
    IReadOnlyDictionary<Guid, string> Townships, IReadOnlyList<KnownContract> Contracts, IReadOnlyDictionary<(Guid ContractId, string ItemCode), int> UnitsOrdered,
    DateOnly Today, DateOnly PilotStarts, int MaxRecords);

/// <summary>
/// Checks a batch of past service records field by field (messages in Chinese): each names a household Delivery knows, and a
/// provider and item bought under a purchase contract that covered the household's township on the service's day (the
/// contract gives the project and budget year, and caps the units); days in the past and not before the pilot; units, minutes,
/// price and the recipient's confirmation sane. Every error of every record is reported; a batch with any is refused whole.
/// </summary>
public static partial class ServiceHistoryRules
{
    public const int MaxUnits = 1000;
    public const int MaxMinutes = 720;

    public static (Dictionary<string, string[]> Errors, List<MigratedService> Services) Check(ServiceHistoryRequest? request, ServiceHistoryFacts facts)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var services = new List<MigratedService>();
        if (request?.SourceReference is not { } reference || !SourceReference().IsMatch(reference.Trim()))
        {
            errors["sourceReference"] = ["请填写来源编号（纸质台账或表格的编号，1–100 个字符，可含中文、字母、数字和 - _ . / ( )）。"];
        }

        if (request?.Records is not { Count: > 0 } records || records.Count > facts.MaxRecords)
        {
            errors["records"] = [$"请列出要迁移的历史服务记录（每批 1–{facts.MaxRecords} 条）。"];
            return (errors, services);
        }

        var units = new Dictionary<(Guid, string), int>(facts.UnitsOrdered);
        for (var i = 0; i < records.Count; i++)
        {
            if (Check(records[i], $"records[{i}].", facts, units, errors) is { } service)
            {
                services.Add(service);
            }
        }

        return (errors, services);
    }

    private static MigratedService? Check(
        HistoricalServiceRequest? record, string at, ServiceHistoryFacts facts, Dictionary<(Guid, string), int> unitsOrdered, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        if (record is null)
        {
            errors[at.TrimEnd('.')] = ["记录为空。"];
            return null;
        }

        string? township = null;
        if (record.HouseholdId is not { } household || !facts.Townships.TryGetValue(household, out township))
        {
            errors[at + "householdId"] = ["找不到该服务对象家庭（须先在平台登记）。"];
        }

        var providerContracts = facts.Contracts.Where(c => c.ProviderId == record.ProviderId?.Trim()).ToList();
        if (string.IsNullOrWhiteSpace(record.ProviderId))
        {
            errors[at + "providerId"] = ["请填写服务主体。"];
        }
        else if (providerContracts.Count == 0)
        {
            errors[at + "providerId"] = ["该服务主体没有登记的购买服务合同，无法迁移其服务记录。"];
        }

        var itemContracts = providerContracts.Where(c => c.ItemCode == record.ItemCode).ToList();
        if (string.IsNullOrWhiteSpace(record.ItemCode))
        {
            errors[at + "itemCode"] = ["请填写服务事项编码。"];
        }
        else if (providerContracts.Count > 0 && itemContracts.Count == 0)
        {
            errors[at + "itemCode"] = ["该服务主体的购买合同不含这项服务事项。"];
        }

        KnownContract? contract = null;
        if (record.DeliveredOn is not { } day)
        {
            errors[at + "deliveredOn"] = ["请填写服务日期。"];
        }
        else if (day >= facts.Today || day < facts.PilotStarts)
        {
            errors[at + "deliveredOn"] = [$"服务日期须早于今天，且不早于试点开始日（{facts.PilotStarts:yyyy-MM-dd}）。"];
        }
        else if (township is not null && itemContracts.Count > 0)
        {
            contract = itemContracts.Where(c => c.Covers(c.ProviderId, c.ItemCode, township, day)).OrderBy(c => c.From).ThenBy(c => c.ContractId).FirstOrDefault();
            if (contract is null)
            {
                errors[at + "deliveredOn"] = ["服务日期不在该服务主体覆盖本乡镇该事项的购买合同期内。"];
            }
        }

        if (record.Units is not { } units || units is < 1 or > MaxUnits)
        {
            errors[at + "units"] = [$"服务数量为 1–{MaxUnits}。"];
        }
        else if (contract is not null)
        {
            var key = (contract.ContractId, contract.ItemCode);
            var ordered = unitsOrdered.GetValueOrDefault(key);
            if (ordered + units > contract.QuantityCap)
            {
                errors[at + "units"] = [$"超出合同（{contract.Number}）该事项的数量上限，剩余 {Math.Max(0, contract.QuantityCap - ordered)}。"];
            }
            else
            {
                unitsOrdered[key] = ordered + units;
            }
        }

        if (record.Minutes is not (>= 1 and <= MaxMinutes))
        {
            errors[at + "minutes"] = [$"服务时长为 1–{MaxMinutes} 分钟。"];
        }

        if (record.UnitPrice is { } price && (price < 0 || decimal.Round(price, 2) != price))
        {
            errors[at + "unitPrice"] = ["单价以元为单位，精确到分，不能为负数。"];
        }
        else if (contract is not null && record.UnitPrice > contract.UnitPrice)
        {
            errors[at + "unitPrice"] = [$"单价不能高于合同单价（{contract.UnitPrice:0.00} 元）。"];
        }

        if (record.Confirmed == true)
        {
            if (record.Satisfaction is not (>= 1 and <= 5))
            {
                errors[at + "satisfaction"] = ["已确认的服务须填写满意度（1–5 分）。"];
            }

            if (record.ConfirmedOn is { } confirmedOn && (confirmedOn < record.DeliveredOn || confirmedOn >= facts.Today))
            {
                errors[at + "confirmedOn"] = ["确认日期不能早于服务日期，且须早于今天。"];
            }
        }
        else
        {
            if (record.Satisfaction is not null)
            {
                errors[at + "satisfaction"] = ["未经服务对象确认的服务不填满意度。"];
            }

            if (record.ConfirmedOn is not null)
            {
                errors[at + "confirmedOn"] = ["未经服务对象确认的服务不填确认日期。"];
            }
        }

        if (errors.Count > before || contract is null)
        {
            return null;
        }

        return new MigratedService(record.HouseholdId!.Value, township!, contract.ItemCode, contract.ProviderId, contract.ContractId, contract.Year, contract.ProjectCode,
            record.DeliveredOn!.Value, record.Units!.Value, record.Minutes!.Value, record.UnitPrice ?? contract.UnitPrice,
            record.Confirmed == true ? record.Satisfaction : null, record.Confirmed == true ? record.ConfirmedOn ?? record.DeliveredOn : null);
    }

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z0-9_\-./()（）]{1,100}$")]
    private static partial Regex SourceReference();
}
