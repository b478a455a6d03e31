using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Provider.Domain.Qualifications;
using ReliefPlatform.Provider.Domain.Workforce;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

public sealed record WorkforceMemberRequest(string? Role, string? Name, Guid? ProviderId, string? AccountId, string? TownshipCode);

public sealed record WorkforceMemberSummary(
    Guid Id, string Role, string RoleName, string Name, Guid? ProviderId, string? AccountId, string? TownshipCode, decimal TrainingHours, DateTimeOffset RegisteredAt);

public sealed record WorkforceMemberResponse(WorkforceMemberSummary Member, IReadOnlyList<AttendanceResponse> Training, IReadOnlyList<CertificateResponse> Certificates);

public sealed record CourseRequest(string? Title, DateOnly? HeldFrom, DateOnly? HeldUntil, decimal? Hours, string? CertificateType, int? CertificateValidMonths);

public sealed record CourseResponse(
    Guid Id, string Title, DateOnly HeldFrom, DateOnly HeldUntil, decimal Hours, string? CertificateType, int? CertificateValidMonths, int Attendees, int Certified);

public sealed record AttendanceRequest(Guid? MemberId, decimal? Hours, bool? Passed);

public sealed record AttendanceResponse(Guid CourseId, string CourseTitle, Guid MemberId, decimal Hours, bool Passed, CertificateResponse? Certificate);

/// <param name="QualificationId">The provider's qualification this certificate counts as, when its holder works for a provider.</param>
public sealed record CertificateResponse(
    Guid Id, Guid CourseId, string Type, string TypeName, string Number, DateOnly ValidFrom, DateOnly ValidUntil, string State, Guid? QualificationId);

/// <summary>
/// 培养队伍: the register of people doing the work, the training courses they attend, their hours and the certificates
/// they earn. A certificate earned by a provider's staff member is recorded as that provider's qualification in the same
/// transaction, so it satisfies the catalogue items that require its type (see <see cref="CapabilitiesApi"/>'s eligibility) until it expires.
/// County staff keep the register; supervisors read it.
/// </summary>
public static class WorkforceApi
{
    public const string NamePurpose = "workforce.name";

    public static IEndpointRouteBuilder MapWorkforceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/workforce").WithTags("Workforce")
            .RequireAuthorization(policy => policy.RequireRole([.. ProvidersApi.CountyStaff, ReliefRoles.Supervisor]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ProvidersApi.CountyStaff));

        group.MapGet("/members", ListMembers).WithName("ListWorkforceMembers").WithSummary("People doing the work (?role=&providerId=&townshipCode=), names masked, with training hours");
        group.MapGet("/members/{id:guid}", GetMember).WithName("GetWorkforceMember").WithSummary("A person with the courses attended and the certificates earned");
        write.MapPost("/members", RegisterMember).WithName("RegisterWorkforceMember").WithSummary("Register a person doing the work (by account or as a provider's staff member)");
        group.MapGet("/courses", ListCourses).WithName("ListTrainingCourses").WithSummary("Training courses, newest first, with attendees and certificates awarded");
        write.MapPost("/courses", PlanCourse).WithName("PlanTrainingCourse").WithSummary("Record a training course: days, hours, and the certificate it awards with its validity");
        write.MapPost("/courses/{id:guid}/attendance", RecordAttendance).ProducesProblem(StatusCodes.Status409Conflict).WithName("RecordCourseAttendance")
            .WithSummary("A person's hours and assessment result on a course; passing with 80 % of the hours earns the certificate (and the provider's qualification)");
        return app;
    }

    public static async Task<Ok<List<WorkforceMemberSummary>>> ListMembers(
        string? role, Guid? providerId, string? townshipCode, ProviderDbContext db, CancellationToken cancellationToken)
    {
        var query = db.WorkforceMembers.AsNoTracking();
        if (role is not null)
        {
            query = query.Where(m => m.Role == role);
        }

        if (providerId is not null)
        {
            query = query.Where(m => m.ProviderId == providerId);
        }

        if (townshipCode is not null)
        {
            query = query.Where(m => m.TownshipCode == townshipCode);
        }

        var members = await query.OrderBy(m => m.Role).ThenBy(m => m.RegisteredAt).Take(500).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var hours = await db.CourseAttendances.AsNoTracking().Where(a => ids.Contains(a.MemberId))
            .GroupBy(a => a.MemberId).Select(g => new { g.Key, Hours = g.Sum(a => a.Hours) }).ToDictionaryAsync(g => g.Key, g => g.Hours, cancellationToken);
        return TypedResults.Ok(members.Select(m => Summary(m, hours.GetValueOrDefault(m.Id))).ToList());
    }

    public static async Task<Results<Ok<WorkforceMemberResponse>, NotFound>> GetMember(
        Guid id, ProviderDbContext db, IOptions<ProviderOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await db.WorkforceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return member is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(member, db, options.Value, time, cancellationToken));
    }

    public static async Task<Results<Created<WorkforceMemberResponse>, ValidationProblem>> RegisterMember(
        WorkforceMemberRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county,
        IOptions<ProviderOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!WorkforceRoles.Names.ContainsKey(request?.Role ?? ""))
        {
            errors["role"] = [$"人员类别应为：{string.Join("、", WorkforceRoles.Names.Select(r => $"{r.Key}（{r.Value}）"))}。"];
        }

        if (PersonName.Problem(request?.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (request?.ProviderId is { } providerId)
        {
            if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                errors["providerId"] = ["该服务主体不存在。"];
            }
        }
        else if (request?.Role == WorkforceRoles.ProviderStaff)
        {
            errors["providerId"] = ["服务主体工作人员须指明所在的服务主体。"];
        }

        if (request?.AccountId is { Length: > 100 })
        {
            errors["accountId"] = ["账号标识不超过 100 个字符。"];
        }

        if (request?.TownshipCode is { } township && county.Value.FindTownship(township) is null)
        {
            errors["townshipCode"] = [$"乡镇代码“{township}”不是本县的乡镇。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "队伍人员登记信息有误");
        }

        var name = request!.Name!.Trim();
        var member = WorkforceMember.Register(
            request.Role!, protector.Protect(name, NamePurpose), PersonName.Mask(name), request.ProviderId, request.AccountId, request.TownshipCode, user.Id, time.GetUtcNow());
        db.WorkforceMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/workforce/members/{member.Id}", await DescribeAsync(member, db, options.Value, time, cancellationToken));
    }

    public static async Task<Ok<List<CourseResponse>>> ListCourses(ProviderDbContext db, CancellationToken cancellationToken)
    {
        var courses = await db.TrainingCourses.AsNoTracking().Include(c => c.Attendances).OrderByDescending(c => c.HeldFrom).Take(500).ToListAsync(cancellationToken);
        var ids = courses.Select(c => c.Id).ToList();
        var certified = await db.TrainingCertificates.AsNoTracking().Where(c => ids.Contains(c.CourseId))
            .GroupBy(c => c.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(courses.Select(c => Course(c, certified.GetValueOrDefault(c.Id))).ToList());
    }

    public static async Task<Results<Created<CourseResponse>, ValidationProblem>> PlanCourse(
        CourseRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var types = await db.QualificationTypes.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Title) || request.Title.Trim().Length > 200)
        {
            errors["title"] = ["请填写课程名称（不超过 200 字）。"];
        }

        if (request?.HeldFrom is not { } from || request.HeldUntil is not { } until)
        {
            errors["heldUntil"] = ["请填写培训起止日期。"];
        }
        else if (until < from)
        {
            errors["heldUntil"] = ["培训结束日期不能早于开始日期。"];
        }

        if (request?.Hours is not (> 0 and <= 1000))
        {
            errors["hours"] = ["课程学时应大于 0 且不超过 1000。"];
        }

        if (request?.CertificateType is { } type)
        {
            if (!types.Contains(type))
            {
                errors["certificateType"] = [$"证书类型应为：{string.Join("、", types.Order(StringComparer.Ordinal))}。"];
            }

            if (request.CertificateValidMonths is not (>= 1 and <= 120))
            {
                errors["certificateValidMonths"] = ["请填写证书有效期（1–120 个月）。"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "培训课程信息有误");
        }

        var course = TrainingCourse.Plan(request!.Title!.Trim(), request.HeldFrom!.Value, request.HeldUntil!.Value, request.Hours!.Value, request.CertificateType,
            request.CertificateValidMonths, user.Id, time.GetUtcNow());
        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/workforce/courses/{course.Id}", Course(course, 0));
    }

    public static async Task<Results<Ok<AttendanceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAttendance(
        Guid id, AttendanceRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<ProviderOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var course = await db.TrainingCourses.Include(c => c.Attendances).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var member = request?.MemberId is { } memberId ? await db.WorkforceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken) : null;
        if (member is null)
        {
            errors["memberId"] = ["请选择已登记的队伍人员。"];
        }

        if (request?.Hours is not { } hours || hours <= 0 || hours > course.Hours)
        {
            errors["hours"] = [$"出勤学时应大于 0 且不超过课程学时（{course.Hours:0.#}）。"];
        }

        if (request?.Passed is null)
        {
            errors["passed"] = ["请填写考核是否通过。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "出勤信息有误");
        }

        (DateOnly From, DateOnly Until)? earned;
        var at = time.GetUtcNow();
        try
        {
            earned = course.Attend(member!.Id, request!.Hours!.Value, request.Passed!.Value, user.Id, at);
        }
        catch (TrainingRuleException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ex.Message);
        }

        TrainingCertificate? certificate = null;
        if (earned is { } validity)
        {
            var number = $"HSPX{validity.From:yyyyMMdd}{Guid.CreateVersion7(at).ToString("N")[^6..].ToUpperInvariant()}";
            var protectedNumber = protector.Protect(number, QualificationsApi.NumberPurpose);
            certificate = TrainingCertificate.Issue(member.Id, course.Id, course.CertificateType!, protectedNumber, QualificationsApi.Mask(number), validity.From, validity.Until, at);
            db.TrainingCertificates.Add(certificate);
            if (member.ProviderId is { } providerId)
            {
                // Earned here, counted there: the provider holds the qualification for exactly the certificate's validity.
                var qualification = Qualification.Record(providerId, certificate.Type, protectedNumber, certificate.NumberMasked, validity.From, validity.Until, at, certificate.Id);
                db.Qualifications.Add(qualification);
                certificate.CountFor(qualification.Id);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该人员的本课程出勤已登记。");
        }

        var typeNames = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        var attendance = course.Attendances.Single(a => a.MemberId == member.Id);
        return TypedResults.Ok(new AttendanceResponse(course.Id, course.Title, member.Id, attendance.Hours, attendance.Passed,
            certificate is null ? null : Certificate(certificate, typeNames, time.CountyToday(), options.Value.WarningDays)));
    }

    private static async Task<WorkforceMemberResponse> DescribeAsync(
        WorkforceMember member, ProviderDbContext db, ProviderOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var attended = await db.CourseAttendances.AsNoTracking().Where(a => a.MemberId == member.Id)
            .Join(db.TrainingCourses.AsNoTracking(), a => a.CourseId, c => c.Id, (a, c) => new { Attendance = a, c.Title, c.HeldFrom })
            .OrderBy(x => x.HeldFrom).ToListAsync(cancellationToken);
        var certificates = await db.TrainingCertificates.AsNoTracking().Where(c => c.MemberId == member.Id).OrderBy(c => c.ValidFrom).ToListAsync(cancellationToken);
        var typeNames = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        var today = time.CountyToday();
        var views = certificates.ToDictionary(c => c.CourseId, c => Certificate(c, typeNames, today, options.WarningDays));
        return new WorkforceMemberResponse(
            Summary(member, attended.Sum(a => a.Attendance.Hours)),
            [.. attended.Select(a => new AttendanceResponse(a.Attendance.CourseId, a.Title, member.Id, a.Attendance.Hours, a.Attendance.Passed, views.GetValueOrDefault(a.Attendance.CourseId)))],
            [.. views.Values]);
    }

    private static WorkforceMemberSummary Summary(WorkforceMember m, decimal hours) => new(
        m.Id, m.Role, WorkforceRoles.Names.GetValueOrDefault(m.Role, m.Role), m.NameMasked, m.ProviderId, m.AccountId, m.TownshipCode, hours, m.RegisteredAt);

    private static CourseResponse Course(TrainingCourse c, int certified) =>
        new(c.Id, c.Title, c.HeldFrom, c.HeldUntil, c.Hours, c.CertificateType, c.CertificateValidMonths, c.Attendances.Count, certified);

    private static CertificateResponse Certificate(TrainingCertificate c, IReadOnlyDictionary<string, string> typeNames, DateOnly today, int warningDays) => new(
        c.Id, c.CourseId, c.Type, typeNames.GetValueOrDefault(c.Type, c.Type), c.NumberMasked, c.ValidFrom, c.ValidUntil,
        ProviderViews.ValidityState(c.ValidFrom, c.ValidUntil, today, warningDays), c.QualificationId);
}
