using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Funding.Domain.Budgets;
using ReliefPlatform.Funding.Domain.Donations;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.ServiceDefaults.Printing;

namespace ReliefPlatform.Funding.Apis;

/// <param name="DonorKind">Person or Organisation.</param>
/// <param name="RestrictedItem">The item the donor restricted the gift to, if any.</param>
/// <param name="RestrictedTownship">The township the donor restricted the gift to, if any.</param>
/// <param name="TownshipCode">Where the money goes: must be the restricted township when there is one.</param>
public sealed record DonationRequest(
    string? DonorKind, string? DonorName, decimal? Amount, DateOnly? ReceivedOn, string? RestrictedItem, string? RestrictedTownship, string? ProjectCode,
    string? TownshipCode, string? Purpose);

/// <param name="Donor">The donor as shown: an organisation's name; a person's masked (王*).</param>
/// <param name="AllocationRequestId">The allocation of the money to the 社会捐赠 budget line, waiting for a second person's approval.</param>
public sealed record DonationResponse(
    Guid Id, string ReceiptNumber, int Year, DonorKind DonorKind, string Donor, decimal Amount, string AmountInWords, DateOnly ReceivedOn,
    string? RestrictedItem, string? RestrictedTownship, string ProjectCode, string TownshipCode, string Purpose, Guid AllocationRequestId,
    DateTimeOffset RecordedAt);

/// <summary>
/// Donations (社会捐赠): recorded by finance with a numbered receipt (no gaps within a year), restricted to an item or
/// township when the donor says so, and put on a 社会捐赠 budget line through an allocation that a second person approves.
/// </summary>
public static class DonationsApi
{
    public const string DonorPurpose = "donation.donor";

    /// <summary>The receipt's stylesheet (one A5 sheet, landscape); its hash is the page's style-src.</summary>
    public const string ReceiptStyle =
        "@page{size:A5 landscape;margin:12mm}body{font-family:\"Noto Sans CJK SC\",\"SimSun\",serif;font-size:15px}"
        + "h1{text-align:center;letter-spacing:.4em}table{width:100%;border-collapse:collapse}td,th{border:1px solid #333;padding:6px 8px;text-align:left}"
        + ".no{text-align:right}";

    public const string SourceType = "donation";
    private static readonly string[] Readers = [ReliefRoles.CountyAdmin, ReliefRoles.Finance, ReliefRoles.Supervisor];
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEndpointRouteBuilder MapDonationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/donations").WithTags("Donations").RequireAuthorization(policy => policy.RequireRole(Readers));
        group.MapGet("/", ListDonations).WithName("ListDonations").WithSummary("Donations of a year (?year=), newest first; persons' names masked");
        group.MapGet("/{id:guid}", GetDonation).WithName("GetDonation").WithSummary("A donation");
        group.MapPost("/", RecordDonation).RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers))
            .WithName("RecordDonation").WithSummary("Record a donation: a numbered receipt, and an allocation to the 社会捐赠 line for a second person to approve");
        group.MapGet("/{id:guid}/receipt", PrintReceipt).RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers))
            .WithName("PrintDonationReceipt").WithSummary("The receipt for the donor as a printable page, with the donor's full name (audited)");
        return app;
    }

    public static async Task<Ok<List<DonationResponse>>> ListDonations(
        int? year, FundingDbContext db, PersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var wanted = year ?? time.CountyToday().Year;
        var donations = await db.Donations.AsNoTracking().Where(d => d.Year == wanted).OrderByDescending(d => d.ReceiptNumber).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(donations.ConvertAll(d => View(d, protector)));
    }

    public static async Task<Results<Ok<DonationResponse>, NotFound>> GetDonation(Guid id, FundingDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken) =>
        await db.Donations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is { } donation
            ? TypedResults.Ok(View(donation, protector))
            : TypedResults.NotFound();

    public static async Task<Results<Created<DonationResponse>, ValidationProblem>> RecordDonation(
        DonationRequest? request, FundingDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        request ??= new DonationRequest(null, null, null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.DonorKind is not (nameof(DonorKind.Person) or nameof(DonorKind.Organisation)))
        {
            errors["donorKind"] = ["捐赠人类型应为 Person（个人）或 Organisation（单位）。"];
        }

        if (string.IsNullOrWhiteSpace(request.DonorName) || request.DonorName.Length > 100)
        {
            errors["donorName"] = ["请填写捐赠人或捐赠单位名称（不超过100字）。"];
        }

        if (Money.Problem(request.Amount) is { } money)
        {
            errors["amount"] = [money];
        }

        var today = time.CountyToday();
        if (request.ReceivedOn is not { } receivedOn || receivedOn > today || receivedOn < today.AddYears(-1))
        {
            errors["receivedOn"] = ["请填写收到捐赠的日期（不晚于今天，不早于一年前）。"];
        }

        if (request.RestrictedItem is { Length: > 0 } item && !Codes.IsValid(item))
        {
            errors["restrictedItem"] = ["限定的服务项目编码有误。"];
        }

        if (request.RestrictedTownship is { Length: > 0 } restricted && county.Value.FindTownship(restricted) is null)
        {
            errors["restrictedTownship"] = ["限定的乡镇不是本县乡镇。"];
        }

        if (!Codes.IsValid(request.ProjectCode))
        {
            errors["projectCode"] = ["请填写捐赠资金安排到的购买项目编号。"];
        }

        if (county.Value.FindTownship(request.TownshipCode) is null)
        {
            errors["townshipCode"] = ["请填写资金安排到的乡镇代码。"];
        }
        else if (request.RestrictedTownship is { Length: > 0 } only && only != request.TownshipCode)
        {
            errors["townshipCode"] = ["捐赠人限定了乡镇，资金只能安排到该乡镇。"];
        }

        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 500)
        {
            errors["purpose"] = ["请写明捐赠用途（不超过500字）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "捐赠信息有误");
        }

        var now = time.GetUtcNow();
        var year = request.ReceivedOn!.Value.Year;
        var kind = Enum.Parse<DonorKind>(request.DonorKind!);
        var name = request.DonorName!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await db.Database.SqlQuery<int>(
            $"INSERT INTO receipt_counters (\"Year\", \"Last\") VALUES ({year}, 1) ON CONFLICT (\"Year\") DO UPDATE SET \"Last\" = receipt_counters.\"Last\" + 1 RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        var receipt = Donation.Receipt(year, number.Single());
        var allocation = AllocationRequest.Propose(AllocationKind.Allocation,
            new BudgetKey(year, SourceType, request.ProjectCode!, request.TownshipCode!, request.RestrictedItem ?? ""), null, request.Amount!.Value,
            $"社会捐赠，收据 {receipt}：{request.Purpose!.Trim()}", user.Id, now);
        db.AllocationRequests.Add(allocation);
        var donation = Donation.Receive(receipt, year, kind, kind == DonorKind.Person ? protector.Protect(name, DonorPurpose) : name, request.Amount.Value,
            request.ReceivedOn.Value, request.RestrictedItem ?? "", request.RestrictedTownship ?? "", request.ProjectCode!, request.TownshipCode!,
            request.Purpose.Trim(), allocation.Id, user.Id, now);
        db.Donations.Add(donation);
        await AuditTrail.AppendAsync(db, time, user.Id, "donation.record", $"donation:{donation.Id}", $"receipt={receipt}; amount={donation.Amount:0.00}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/funding/donations/{donation.Id}", View(donation, protector));
    }

    public static async Task<IResult> PrintReceipt(
        Guid id, FundingDbContext db, CurrentUser user, PersonalDataProtector protector, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (donation is null)
        {
            return TypedResults.NotFound();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await AuditTrail.AppendAsync(db, time, user.Id, "donation.receipt", $"donation:{donation.Id}", $"receipt={donation.ReceiptNumber}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var donor = donation.DonorKind == DonorKind.Person ? protector.Unprotect(donation.DonorName, DonorPurpose) : donation.DonorName;
        var restriction = (donation.RestrictedItem, donation.RestrictedTownship) switch
        {
            ("", "") => "不限定",
            (var item, "") => $"限定服务项目 {item}",
            ("", var township) => $"限定乡镇 {township}",
            var (item, township) => $"限定服务项目 {item}、乡镇 {township}",
        };
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>捐赠收据 ").Append(E(donation.ReceiptNumber)).Append("</title>")
            .Append(PrintablePage.StyleElement(ReceiptStyle)).Append("</head><body><h1>公益事业捐赠收据</h1>")
            .Append("<p class=\"no\">收据号：").Append(E(donation.ReceiptNumber)).Append("</p><table>")
            .Append("<tr><th>捐赠人</th><td>").Append(E(donor)).Append("</td><th>收到日期</th><td>").Append(donation.ReceivedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)).Append("</td></tr>")
            .Append("<tr><th>金额（大写）</th><td colspan=\"3\">人民币").Append(E(ChineseAmount.ToCapital(donation.Amount))).Append("</td></tr>")
            .Append("<tr><th>金额（小写）</th><td colspan=\"3\">¥").Append(donation.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)).Append("</td></tr>")
            .Append("<tr><th>用途</th><td colspan=\"3\">").Append(E(donation.Purpose)).Append('（').Append(E(restriction)).Append("）</td></tr>")
            .Append("</table><p>收款单位：霍山县民政局（服务类社会救助试点）　　经办人：").Append(E(donation.RecordedBy)).Append("</p></body></html>");
        return PrintablePage.Html(context, html.ToString(), ReceiptStyle);
    }

    private static string E(string text) => Html.Encode(text);

    private static DonationResponse View(Donation d, PersonalDataProtector protector) => new(
        d.Id, d.ReceiptNumber, d.Year, d.DonorKind,
        d.DonorKind == DonorKind.Person ? PersonName.Mask(protector.Unprotect(d.DonorName, DonorPurpose)) : d.DonorName,
        d.Amount, ChineseAmount.ToCapital(d.Amount), d.ReceivedOn, d.RestrictedItem is "" ? null : d.RestrictedItem,
        d.RestrictedTownship is "" ? null : d.RestrictedTownship, d.ProjectCode, d.TownshipCode, d.Purpose, d.AllocationRequestId, d.RecordedAt);
}
