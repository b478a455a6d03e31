using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Township.Apis;
using ReliefPlatform.Township.Domain.Captures;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;
using static ReliefPlatform.Township.Pages.PageHtml;

namespace ReliefPlatform.Township.Pages;

/// <summary>
/// The centre's pages for its staff and village visitors (zh-CN, tablet-sized, no script): sign in, the worklist,
/// a household, and the front-desk forms — visit, confirmation, complaint — which go through the same
/// <see cref="FrontDesk"/> as the API, so they work the same when the hub is unreachable.
/// </summary>
public static class TownshipPages
{
    public const string SessionCookie = "relief_township";

    private static readonly Dictionary<string, string> ComplaintNames = new(StringComparer.Ordinal)
    {
        ["NotDelivered"] = "服务未提供", ["ServiceQuality"] = "服务质量", ["StaffConduct"] = "服务人员态度", ["Safety"] = "安全问题",
        ["Fees"] = "违规收费", ["Privacy"] = "隐私泄露", ["Other"] = "其他",
    };

    private static readonly string[] SatisfactionNames = ["", "非常不满意", "不满意", "一般", "满意", "非常满意"];

    /// <summary>
    /// The pages' session (<see cref="PageSignIn"/>): its access token is presented to the centre's own token validation
    /// as the bearer token, so revocation, lifetime and the township wall apply exactly as at the API. Reached through
    /// the gateway, the pages live under <c>/townships/&lt;code&gt;</c> of the county's public origin (the gateway says so
    /// in X-Township-Pages-Base, only ever this township's): links, sign-in callbacks and cookies are built there.
    /// </summary>
    public static IApplicationBuilder UseTownshipPageSession(this IApplicationBuilder app)
    {
        var prefix = $"/townships/{app.ApplicationServices.GetRequiredService<CurrentTownship>().Code}";
        var issuer = SignInOrigin.Issuer(app.ApplicationServices.GetRequiredService<IConfiguration>(), app.ApplicationServices.GetRequiredService<IHostEnvironment>());
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/pages"))
            {
                if (context.Request.Headers["X-Township-Pages-Base"].ToString() == prefix)
                {
                    context.Request.PathBase = prefix;
                    context.Request.Scheme = issuer.Scheme;
                    context.Request.Host = HostString.FromUriComponent(issuer);
                }

                if (!context.Request.Headers.ContainsKey("Authorization") && await PageSignIn.SessionTokenAsync(context) is { } token)
                {
                    context.Request.Headers.Authorization = $"Bearer {token}";
                }
            }

            await next(context);
        });
    }

    public static IEndpointRouteBuilder MapTownshipPages(this IEndpointRouteBuilder app)
    {
        // Each page checks its caller itself (to send a stranger to the sign-in page); every form post must carry the antiforgery token.
        var pages = app.MapGroup("/pages").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
            HttpMethods.IsPost(context.HttpContext.Request.Method)
                && !await context.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "页面已过期，请刷新后重新提交。")
                : await next(context));
        pages.MapGet("/login", LoginPage);
        pages.MapPost("/logout", (HttpContext context, CurrentTownship township) => PageSignIn.SignOutAsync(context));
        pages.MapGet("/signed-out", (HttpContext context, CurrentTownship township) => Page(context, "已退出", township.Name, null,
            $"<p class=\"notice ok\" role=\"status\">您已安全退出登录。</p><p><a class=\"button\" href=\"{Url(context, "login")}\">重新登录</a></p>"));
        pages.MapGet("/", WorklistAsync);
        pages.MapGet("/households", (HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, string? villageCode, string? category,
                int? page, CancellationToken cancellationToken) =>
            HouseholdsAsync(context, township, user, db, new HouseholdFilter(villageCode, category, page), null, null, cancellationToken));
        pages.MapPost("/households/find", FindHouseholdAsync);
        pages.MapGet("/households/{id:guid}", HouseholdAsync);
        pages.MapGet("/visit", async (HttpContext context, CurrentTownship township, CurrentUser user, HubInstrument hub, Guid householdId, Guid? taskId,
                CancellationToken cancellationToken) =>
            Gate(context, township, user, write: true)
                ?? VisitPage(context, township, user, householdId, taskId, await hub.CurrentAsync(cancellationToken), null, null));
        pages.MapPost("/visit", RecordVisitAsync);
        pages.MapGet("/confirm/{id:guid}", ConfirmPageAsync);
        pages.MapPost("/confirm/{id:guid}", ConfirmAsync);
        pages.MapGet("/complaint", ComplaintPageAsync);
        pages.MapPost("/complaint", TakeComplaintAsync);
        pages.MapPost("/sync/{id:guid}/acknowledge", AcknowledgeAsync);
        pages.MapGet("/register", (HttpContext context, CurrentTownship township, CurrentUser user) =>
            Gate(context, township, user, write: true) ?? RegisterPage(context, township, user, null, null));
        pages.MapPost("/register", RegisterAsync);
        return app;
    }

    /// <summary>Who is signed in, as the header shows it: the person's display name (from the token) and role in words, never an id.</summary>
    private static string SignedIn(CurrentUser user) =>
        $"{user.DisplayName}（{(user.IsInRole(ReliefRoles.TownshipStaff) ? "乡镇工作人员" : user.IsInRole(ReliefRoles.VillageVisitor) ? "村级走访员" : user.IsCountyWide ? "县级工作人员" : "其他")}）";

    private static IResult? Gate(HttpContext context, CurrentTownship township, CurrentUser user, bool write = false)
    {
        if (!user.IsAuthenticated && PageSignIn.PresentedSession(context, township))
        {
            // A session that was signed out, revoked or timed out: refused, and its cookie (set under the pages' base) dropped.
            var path = new CookieOptions { Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/" };
            foreach (var cookie in context.Request.Cookies.Keys.Where(k => k.StartsWith(SessionCookie, StringComparison.Ordinal)))
            {
                context.Response.Cookies.Delete(cookie, path);
            }

            return Page(context, "登录已失效", township.Name, null,
                $"<p class=\"notice conflict\" role=\"alert\">您已退出，或长时间未操作，登录已失效。</p><p><a class=\"button\" href=\"{Url(context, "login")}\">重新登录</a></p>",
                StatusCodes.Status401Unauthorized);
        }

        if (!user.IsAuthenticated)
        {
            return Results.Redirect(Url(context, "login"));
        }

        if (!user.MayAccessTownship(township.Code) || (write && user.IsReadOnly))
        {
            return Page(context, "无权访问", township.Name, SignedIn(user),
                $"<p class=\"notice conflict\">您的账号不属于{E(township.Name)}，不能使用本中心的页面。</p>", StatusCodes.Status403Forbidden);
        }

        return null;
    }

    /// <summary>
    /// Sends the browser to the county's sign-in page (authorization code + PKCE); after a refused or abandoned sign-in,
    /// says so and offers to try again.
    /// </summary>
    private static IResult LoginPage(HttpContext context, CurrentTownship township, bool? failed) => failed == true
        ? Page(context, "登录", township.Name, null,
            $"<p class=\"notice conflict\" role=\"alert\">登录未完成，请重新登录。</p><p><a class=\"button\" href=\"{Url(context, "login")}\">重新登录</a></p>")
        : Results.Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = Url(context, "") }, [PageSignIn.OidcScheme]);

    private static async Task<IResult> WorklistAsync(
        HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user) is { } refused)
        {
            return refused;
        }

        var worklist = (await TownshipApi.GetWorklist(db, user, time, cancellationToken)).Value!;
        var names = await context.RequestServices.GetRequiredService<HubNames>().CurrentAsync(cancellationToken);
        var body = $"<p><a class=\"button\" href=\"{Url(context, "households")}\">本乡镇家庭</a> <a class=\"button\" href=\"{Url(context, "register")}\">救助申请登记</a></p>"
            + SyncNotice(context, worklist.Sync)
            + "<h2>走访任务</h2>" + Table(["到期", "类型", "村", "家庭", ""], worklist.Visits.Select(t => TaskRow(context, township, t)), "今日及近期没有走访任务。")
            + "<h2>低满意度回访</h2>" + Table(["到期", "类型", "村", "家庭", ""], worklist.FollowUps.Select(t => TaskRow(context, township, t)), "没有待回访的服务。")
            + "<h2>待确认的服务</h2>" + Table(["服务项目", "服务机构", "时长", "家庭", ""], worklist.ToConfirm.Select(o => new[]
            {
                E(names.Item(o.ItemCode)), E(names.Provider(o.ProviderId)), (o.Minutes is { } m ? $"{m} 分钟{(o.FlaggedShort ? "（<span class=\"overdue\">不足标准</span>）" : "")}" : "")
                    + (o.RecordGaps is { Count: > 0 } gaps ? $"<br><span class=\"overdue\">记录不全：{E(string.Join("、", gaps))}</span>" : ""),
                HouseholdLink(context, o.HouseholdId), $"<a class=\"button\" href=\"{Url(context, $"confirm/{o.Id}")}\">确认服务</a>",
            }), "没有待确认的服务。")
            + "<h2>逾期工单</h2>" + Table(["服务项目", "服务机构", "逾期", "家庭"], worklist.LateOrders.Select(o => new[]
            {
                E(names.Item(o.ItemCode)), E(names.Provider(o.ProviderId)), $"<span class=\"overdue\">{(o.Overdue == "response" ? "未按时预约" : "未按时完成")}</span>", HouseholdLink(context, o.HouseholdId),
            }), "没有逾期的工单。");
        if (!user.IsInRole(ReliefRoles.VillageVisitor) || user.IsInRole(ReliefRoles.TownshipStaff))
        {
            body += "<h2>投诉办理</h2>" + Table(["类别", "办结期限", "家庭"], worklist.Complaints.Select(c => new[]
            {
                E(ComplaintNames.GetValueOrDefault(c.Category, c.Category)), Due(c.DueBy, c.Overdue), HouseholdLink(context, c.HouseholdId),
            }), "没有待办的投诉。")
                + "<h2>部门逾期转介</h2>" + Table(["转介部门", "办结期限", "家庭"], worklist.LateReferrals.Select(r => new[]
                {
                    E(r.DepartmentName), Due(r.DueBy, overdue: true), HouseholdLink(context, r.HouseholdId),
                }), "没有逾期未办结的转介。");
        }

        return Page(context, $"工作台 · {worklist.Today:yyyy年M月d日}", township.Name, SignedIn(user), body);
    }

    private static async Task<IResult> HouseholdAsync(
        Guid id, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user) is { } refused)
        {
            return refused;
        }

        if ((await TownshipApi.GetHousehold(id, db, time, cancellationToken)).Result is not Microsoft.AspNetCore.Http.HttpResults.Ok<HouseholdPictureResponse> { Value: { } picture })
        {
            return Page(context, "找不到该家庭", township.Name, SignedIn(user), "<p class=\"notice\">本乡镇没有这户家庭的记录（可能尚未从县级平台同步）。</p>", StatusCodes.Status404NotFound);
        }

        var h = picture.Household;
        var names = await context.RequestServices.GetRequiredService<HubNames>().CurrentAsync(cancellationToken);
        var saved = context.Request.Query["saved"].ToString() is { Length: > 0 } ? "<p class=\"notice ok\" role=\"status\">已受理。下方“同步记录”显示是否已送达县级平台。</p>" : "";
        var body = saved + $"""
            <p>村（社区）：{E(township.VillageName(h.VillageCode))} · {(h.IsRegistered ? $"类别：{E(HouseholdCategories.NameOf(h.Category))} · 人口：{h.MemberCount} 人" : "登记信息待同步")} · 困难程度：{E(DegreeName(h.Degree))}{(h.ReassessmentDueOn is { } due ? $" · 复评：{due:yyyy-MM-dd}" : "")}</p>
            <p class="muted">姓名、身份证号等个人信息不在乡镇端保存；需要时请在县级平台查看（留痕）。</p>
            <p><a class="button" href="{Url(context, $"visit?householdId={h.HouseholdId}")}">记录走访</a>
            <a class="button" href="{Url(context, $"complaint?householdId={h.HouseholdId}")}">登记投诉</a></p>
            <h2>走访任务</h2>{Table(["到期", "类型", "状态", ""], picture.Tasks.Select(t => new[]
            {
                Due(t.DueOn, t.Overdue), E(t.KindName), t.State == Domain.Worklist.VisitTaskState.Open ? "待走访" : "已完成",
                t.State == Domain.Worklist.VisitTaskState.Open ? $"<a href=\"{Url(context, $"visit?householdId={t.HouseholdId}&taskId={t.Id}")}\">记录走访</a>" : "",
            }), "没有走访任务。")}
            <h2>服务工单</h2>{Table(["服务项目", "服务机构", "状态", "满意度", ""], picture.WorkOrders.Select(o => new[]
            {
                E(names.Item(o.ItemCode)), E(names.Provider(o.ProviderId)), E(o.ConfirmedHere ? "已确认，待同步" : o.StatusName), o.Satisfaction is { } s ? $"{s} 分" : "",
                o.Status == Domain.Orders.HubOrderStatus.Delivered && !o.ConfirmedHere ? $"<a href=\"{Url(context, $"confirm/{o.Id}")}\">确认服务</a>" : "",
            }), "没有服务工单。")}
            <h2>投诉</h2>{Table(["类别", "办结期限", "状态"], picture.Complaints.Select(c => new[]
            {
                E(ComplaintNames.GetValueOrDefault(c.Category, c.Category)), Due(c.DueBy, c.Overdue), c.Closed ? "已办结" : "办理中",
            }), "没有投诉。")}
            <h2>同步记录</h2>{Table(["受理时间", "事项", "状态"], picture.Captures.Select(c => new[]
            {
                CountyTime(c.CapturedAt), E(CaptureName(c.Kind)), CaptureState(c),
            }), "本中心还没有为这户受理过事项。")}
            """;
        return Page(context, $"家庭 {h.HouseholdId.ToString()[..8]}", township.Name, SignedIn(user), body);
    }

    private sealed record HouseholdFilter(string? VillageCode, string? Category, int? Page);

    /// <summary>
    /// 本乡镇家庭: the township's households as the centre knows them (it keeps no names or ID numbers), by village and
    /// category; and a look-up by a member's ID number at the hub's registry, as the signed-in person (audited there).
    /// </summary>
    private static async Task<IResult> HouseholdsAsync(
        HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, HouseholdFilter filter, string? notice,
        IDictionary<string, string[]>? errors, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user) is { } refused)
        {
            return refused;
        }

        var listed = await TownshipApi.ListHouseholds(filter.VillageCode, filter.Category, filter.Page, null, township, db, cancellationToken);
        var filterErrors = listed.Result is Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem ? problem.ProblemDetails.Errors : null;
        var found = (listed.Result as Microsoft.AspNetCore.Http.HttpResults.Ok<LocalHouseholdPage>)?.Value;
        var villages = string.Concat(township.Villages.Select(v => $"<option value=\"{E(v.Code)}\" {(v.Code == filter.VillageCode ? "selected" : "")}>{E(v.Name)}</option>"));
        var categories = string.Concat(HouseholdCategories.Names.Select(c => $"<option value=\"{E(c.Key)}\" {(c.Key == filter.Category ? "selected" : "")}>{E(c.Value)}</option>"));
        var body = $"""
            <form method="get" action="{Url(context, "households")}">
            <label for="villageCode">村（社区）</label><select id="villageCode" name="villageCode"><option value="">全部</option>{villages}</select>{Errors(filterErrors, "villageCode")}
            <label for="category">救助类别</label><select id="category" name="category"><option value="">全部</option>{categories}</select>{Errors(filterErrors, "category")}
            <p><button type="submit">筛选</button></p></form>
            <form method="post" action="{Url(context, "households/find")}">{Antiforgery(context)}
            <label for="idNumber">按成员身份证号查找</label><input id="idNumber" name="idNumber" maxlength="18" autocomplete="off">{Errors(errors, "idNumber")}
            <p class="muted">在县级平台的户籍登记中查找（本中心不保存身份证号），查询留痕。</p>
            <p><button type="submit">查找</button></p></form>
            {(notice is null ? "" : $"<p class=\"notice\" role=\"status\">{E(notice)}</p>")}
            """;
        if (found is not null)
        {
            var pages = Math.Max(1, (found.Total + found.PageSize - 1) / found.PageSize);
            string PageLink(int number, string text) =>
                $"<a href=\"{Url(context, $"households?villageCode={Uri.EscapeDataString(filter.VillageCode ?? "")}&category={Uri.EscapeDataString(filter.Category ?? "")}&page={number}")}\">{text}</a>";
            body += $"<h2>共 {found.Total} 户</h2>" + Table(["村（社区）", "类别", "人口", "困难程度", "复评", "登记日期", ""], found.Items.Select(h => new[]
                {
                    E(township.VillageName(h.VillageCode)), h.IsRegistered ? E(HouseholdCategories.NameOf(h.Category)) : "登记信息待同步",
                    h.IsRegistered ? $"{h.MemberCount} 人" : "", E(DegreeName(h.Degree)), h.ReassessmentDueOn is { } due ? $"{due:yyyy-MM-dd}" : "",
                    h.IsRegistered ? CountyTime(h.RegisteredAt)[..10] : "", HouseholdLink(context, h.HouseholdId),
                }), "没有符合条件的家庭。")
                + (pages > 1 ? $"<p>第 {found.Page} / {pages} 页 {(found.Page > 1 ? PageLink(found.Page - 1, "上一页") : "")} {(found.Page < pages ? PageLink(found.Page + 1, "下一页") : "")}</p>" : "");
        }

        return Page(context, "本乡镇家庭", township.Name, SignedIn(user), body,
            errors is not null || filterErrors is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> FindHouseholdAsync(
        HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, HubHouseholdLookup lookup, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Gate(context, township, user) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var filter = new HouseholdFilter(null, null, null);
        if (!Security.PersonalData.IdNumber.TryParse(form["idNumber"].ToString().Trim(), time.CountyToday(), out var idNumber, out var problem))
        {
            return await HouseholdsAsync(context, township, user, db, filter, null, new Dictionary<string, string[]> { ["idNumber"] = [problem.Message] }, cancellationToken);
        }

        var token = await PageSignIn.SessionTokenAsync(context)
            ?? context.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        var answer = await lookup.FindAsync(idNumber.Reveal(), token, cancellationToken);
        if (answer is { HouseholdId: { } id } && answer.TownshipCode == township.Code)
        {
            return Results.Redirect(Url(context, $"households/{id}"));
        }

        // The number is never echoed back: the notice says what happened, not to whom.
        var notice = answer.Unreachable ? "暂时无法连接县级平台，不能按身份证号查找；可按村（社区）和类别在下方列表中查找。"
            : answer.HouseholdId is not null ? $"该居民所在的家庭不属于{township.Name}。"
            : $"{township.Name}的在册家庭中没有这个身份证号。";
        return await HouseholdsAsync(context, township, user, db, filter, notice, null, cancellationToken);
    }

    private static IResult VisitPage(
        HttpContext context, CurrentTownship township, CurrentUser user, Guid householdId, Guid? taskId, VisitInstrument? instrument, IFormCollection? form,
        IDictionary<string, string[]>? errors)
    {
        var place = form?["place"].ToString() ?? "home";
        var visitedAt = form?["visitedAt"].ToString() is { Length: > 0 } v ? v
            : context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(CountyClock.ChinaStandardTime).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return Page(context, "记录走访", township.Name, SignedIn(user), $"""
            <form method="post" action="{Url(context, "visit")}">{Antiforgery(context)}
            <input type="hidden" name="householdId" value="{householdId}"><input type="hidden" name="taskId" value="{taskId}">
            <fieldset class="choices"><legend>走访地点</legend>
            <label><input type="radio" name="place" value="home" {(place == "home" ? "checked" : "")}> 入户</label>
            <label><input type="radio" name="place" value="centre" {(place == "centre" ? "checked" : "")}> 在服务中心</label></fieldset>{Errors(errors, "place")}
            <label for="visitedAt">走访时间</label><input id="visitedAt" name="visitedAt" type="datetime-local" value="{E(visitedAt)}">{Errors(errors, "visitedAt")}
            <label for="finding">走访情况</label><textarea id="finding" name="finding" maxlength="{FrontDesk.MaxFindingLength}">{E(form?["finding"])}</textarea>{Errors(errors, "finding")}{Errors(errors, "taskId")}
            {AssessmentSection(instrument, form, errors)}
            <p><button type="submit">保存走访</button></p></form>
            """, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>The instrument's questions, to answer when the visit also assesses the household (scored and approved at the hub).</summary>
    private static string AssessmentSection(VisitInstrument? instrument, IFormCollection? form, IDictionary<string, string[]>? errors)
    {
        if (instrument is null)
        {
            return "<p class=\"notice\">暂时无法连接县级平台取得评估量表：本次只记录走访，评估可在连接恢复后进行。</p>";
        }

        var assess = form?["assess"].ToString() == "1";
        var html = new System.Text.StringBuilder()
            .Append("<h2>困境评估（可选）</h2><p class=\"choices\"><label><input type=\"checkbox\" name=\"assess\" value=\"1\" ")
            .Append(assess ? "checked" : "").Append($"> 本次走访同时进行困境评估（第{instrument.Version}版量表，提交后由另一人审核）</label></p>");
        foreach (var dimension in instrument.Dimensions)
        {
            html.Append("<fieldset><legend>").Append(E(dimension.Name)).Append("</legend>");
            foreach (var indicator in dimension.Indicators)
            {
                var chosen = form?[$"ans.{indicator.Code}"].ToArray() ?? [];
                html.Append("<div class=\"choices\" role=\"group\" aria-label=\"").Append(E(indicator.Name)).Append("\"><p><strong>").Append(E(indicator.Name))
                    .Append(indicator.Multiple ? "（可多选）" : "").Append("</strong></p>");
                foreach (var option in indicator.Options)
                {
                    html.Append("<label><input type=\"").Append(indicator.Multiple ? "checkbox" : "radio").Append("\" name=\"ans.").Append(E(indicator.Code))
                        .Append("\" value=\"").Append(E(option.Code)).Append("\" ").Append(chosen.Contains(option.Code) ? "checked" : "").Append("> ")
                        .Append(E(option.Label)).Append("</label>");
                }

                html.Append("</div>").Append(Errors(errors, $"answers.{indicator.Code}"));
            }

            html.Append("</fieldset>");
        }

        return html.Append("<label for=\"statedRequests\">服务诉求</label><textarea id=\"statedRequests\" name=\"statedRequests\" maxlength=\"1000\">")
            .Append(E(form?["statedRequests"])).Append("</textarea>").ToString();
    }

    private static async Task<IResult> RecordVisitAsync(
        HttpContext context, CurrentTownship township, CurrentUser user, FrontDesk desk, HubInstrument hub, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user, write: true) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var householdId = Guid.TryParse(form["householdId"], out var household) ? household : Guid.Empty;
        var taskId = Guid.TryParse(form["taskId"], out var task) ? task : (Guid?)null;
        DateTimeOffset? visitedAt = DateTime.TryParseExact(form["visitedAt"], "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, CountyClock.ChinaStandardTime) : null;
        var instrument = await hub.CurrentAsync(cancellationToken);
        Dictionary<string, string[]>? answers = null;
        if (form["assess"].ToString() == "1")
        {
            answers = form.Where(f => f.Key.StartsWith("ans.", StringComparison.Ordinal))
                .ToDictionary(f => f.Key[4..], f => f.Value.Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToArray(), StringComparer.Ordinal);
            // Checked here when the instrument is at hand; when the hub is unreachable the hub checks them on arrival.
            if (instrument?.Check(answers) is { Count: > 0 } missing)
            {
                return VisitPage(context, township, user, householdId, taskId, instrument, form, missing);
            }
        }

        var statedRequests = answers is null || form["statedRequests"].ToString() is not { Length: > 0 } requests ? null : requests;
        var result = await desk.RecordVisitAsync(new VisitRequest(householdId, taskId, form["place"], visitedAt, form["finding"], answers, statedRequests), cancellationToken);
        return Answer(context, township, user, result, householdId, errors => VisitPage(context, township, user, householdId, taskId, instrument, form, errors));
    }

    private static async Task<IResult> ConfirmPageAsync(
        Guid id, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, CancellationToken cancellationToken) =>
        Gate(context, township, user, write: true) ?? await ConfirmFormAsync(id, context, township, user, db, null, cancellationToken);

    private static async Task<IResult> ConfirmFormAsync(
        Guid id, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, IDictionary<string, string[]>? errors,
        CancellationToken cancellationToken)
    {
        var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return Page(context, "找不到该工单", township.Name, SignedIn(user), "<p class=\"notice\">本乡镇没有这张工单。</p>", StatusCodes.Status404NotFound);
        }

        var names = await context.RequestServices.GetRequiredService<HubNames>().CurrentAsync(cancellationToken);
        var choices = string.Concat(Enumerable.Range(1, 5).Select(s =>
            $"<label><input type=\"radio\" name=\"satisfaction\" value=\"{s}\"> {s} 分 · {SatisfactionNames[s]}</label>"));
        return Page(context, "确认服务", township.Name, SignedIn(user), $"""
            <p>服务项目：{E(names.Item(order.ItemCode))} · 服务机构：{E(names.Provider(order.ProviderId))} · 状态：{E(FrontDesk.OrderStatusName(order.Status))}{(order.Minutes is { } m ? $" · 服务时长：{m} 分钟" : "")}</p>{RecordGaps(order)}
            <form method="post" action="{Url(context, $"confirm/{id}")}">{Antiforgery(context)}
            <fieldset class="choices"><legend>服务对象的满意度</legend>{choices}</fieldset>{Errors(errors, "satisfaction")}{Errors(errors, "")}
            <label for="comment">服务对象的评价（可不填）</label><textarea id="comment" name="comment" maxlength="200"></textarea>{Errors(errors, "comment")}
            <p><button type="submit">确认服务</button></p></form>
            """, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>What the provider's record lacks, for staff to ask the resident about before confirming; empty when nothing does.</summary>
    private static string RecordGaps(Domain.Orders.LocalWorkOrder order)
    {
        var gaps = FrontDesk.RecordGaps(order.RecordFlags, withLength: true);
        return gaps.Count == 0 ? "" : $"<p class=\"notice\">服务记录不全：{E(string.Join("、", gaps))}。请向服务对象核实后再确认。</p>";
    }

    private static async Task<IResult> ConfirmAsync(
        Guid id, HttpContext context, CurrentTownship township, CurrentUser user, FrontDesk desk, TownshipDbContext db, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user, write: true) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var satisfaction = int.TryParse(form["satisfaction"], out var score) ? score : (int?)null;
        var result = await desk.ConfirmAsync(id, new ConfirmationRequest(satisfaction, form["comment"]), cancellationToken);
        var householdId = result.Capture?.HouseholdId ?? await db.WorkOrders.Where(o => o.Id == id).Select(o => o.HouseholdId).FirstOrDefaultAsync(cancellationToken);
        return result.Errors is { } errors
            ? await ConfirmFormAsync(id, context, township, user, db, errors, cancellationToken)
            : Answer(context, township, user, result, householdId, _ => Results.Empty);
    }

    private static async Task<IResult> ComplaintPageAsync(
        Guid householdId, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, CancellationToken cancellationToken) =>
        Gate(context, township, user, write: true) ?? await ComplaintFormAsync(householdId, context, township, user, db, null, null, cancellationToken);

    private static async Task<IResult> ComplaintFormAsync(
        Guid householdId, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, IFormCollection? form,
        IDictionary<string, string[]>? errors, CancellationToken cancellationToken)
    {
        var orders = await db.WorkOrders.AsNoTracking().Where(o => o.HouseholdId == householdId).OrderByDescending(o => o.UpdatedAt).Take(20).ToListAsync(cancellationToken);
        var category = form?["category"].ToString();
        var categories = string.Concat(ComplaintNames.Select(c => $"<option value=\"{c.Key}\" {(c.Key == category ? "selected" : "")}>{E(c.Value)}</option>"));
        var names = await context.RequestServices.GetRequiredService<HubNames>().CurrentAsync(cancellationToken);
        var orderOptions = string.Concat(orders.Select(o => $"<option value=\"{o.Id}\">{E(names.Item(o.ItemCode))} · {E(names.Provider(o.ProviderId))}</option>"));
        return Page(context, "登记投诉", township.Name, SignedIn(user), $"""
            <form method="post" action="{Url(context, "complaint")}">{Antiforgery(context)}<input type="hidden" name="householdId" value="{householdId}">
            <label for="category">投诉类别</label><select id="category" name="category"><option value="">请选择</option>{categories}</select>{Errors(errors, "category")}
            <label for="workOrderId">涉及的服务工单（可选）</label><select id="workOrderId" name="workOrderId"><option value="">无</option>{orderOptions}</select>{Errors(errors, "workOrderId")}
            <label for="description">投诉内容</label><textarea id="description" name="description" maxlength="{FrontDesk.MaxComplaintLength}">{E(form?["description"])}</textarea>{Errors(errors, "description")}
            <p><button type="submit">提交投诉</button></p></form>
            """, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> TakeComplaintAsync(
        HttpContext context, CurrentTownship township, CurrentUser user, FrontDesk desk, TownshipDbContext db, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user, write: true) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var householdId = Guid.TryParse(form["householdId"], out var household) ? household : Guid.Empty;
        var workOrderId = Guid.TryParse(form["workOrderId"], out var order) ? order : (Guid?)null;
        var result = await desk.TakeComplaintAsync(
            new TownshipComplaintRequest(householdId, workOrderId, form["category"].ToString() is { Length: > 0 } c ? c : null, form["description"]), cancellationToken);
        return result.Errors is { } errors
            ? await ComplaintFormAsync(householdId, context, township, user, db, form, errors, cancellationToken)
            : Answer(context, township, user, result, householdId, _ => Results.Empty);
    }

    private const int MemberRows = 4;
    private static readonly string[] Relationships = ["配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他"];

    private static IResult RegisterPage(HttpContext context, CurrentTownship township, CurrentUser user, FormCollection? form, IDictionary<string, string[]>? errors)
    {
        var category = form?["category"].ToString();
        var categories = string.Concat(FrontDesk.HouseholdCategories.Select(c => $"<option value=\"{E(c)}\" {(c == category ? "selected" : "")}>{E(c)}</option>"));
        var village = form?["villageCode"].ToString();
        var villages = string.Concat(township.Villages.Select(v => $"<option value=\"{E(v.Code)}\" {(v.Code == village ? "selected" : "")}>{E(v.Name)}</option>"));
        var rows = string.Concat(Enumerable.Range(0, MemberRows).Select(i =>
        {
            var relationship = i == 0 ? "户主" : form?[$"relationship{i}"].ToString();
            var choices = i == 0 ? "<option value=\"户主\">户主（申请人）</option>"
                : "<option value=\"\">—</option>" + string.Concat(Relationships.Select(r => $"<option value=\"{r}\" {(r == relationship ? "selected" : "")}>{r}</option>"));
            return $"""
                <fieldset><legend>{(i == 0 ? "申请人（户主）" : $"家庭成员 {i + 1}（可不填）")}</legend>
                <label for="name{i}">姓名</label><input id="name{i}" name="name{i}" value="{E(form?[$"name{i}"])}" autocomplete="off">{Errors(errors, $"members[{i}].name")}
                <label for="idNumber{i}">身份证号</label><input id="idNumber{i}" name="idNumber{i}" autocomplete="off" maxlength="18">{Errors(errors, $"members[{i}].idNumber")}
                <label for="relationship{i}">与户主关系</label><select id="relationship{i}" name="relationship{i}">{choices}</select>{Errors(errors, $"members[{i}].relationship")}
                </fieldset>
                """;
        }));
        return Page(context, "救助申请登记", township.Name, SignedIn(user), $"""
            <p class="muted">依申请登记：申请人与家庭成员；身份证号仅加密保存，页面不再显示（有误时请重新填写）。</p>
            <form method="post" action="{Url(context, "register")}">{Antiforgery(context)}
            <label for="villageCode">村（社区）</label><select id="villageCode" name="villageCode"><option value="">请选择</option>{villages}</select>{Errors(errors, "villageCode")}
            <label for="category">救助类别</label><select id="category" name="category"><option value="">请选择</option>{categories}</select>{Errors(errors, "category")}
            <label for="address">住址</label><input id="address" name="address" value="{E(form?["address"])}" maxlength="200">{Errors(errors, "address")}
            {Errors(errors, "members")}{rows}
            <p><button type="submit">提交申请</button></p></form>
            """, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, CurrentTownship township, CurrentUser user, FrontDesk desk, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user, write: true) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        // The applicant's row always counts; another member's only when a name or number was entered.
        var members = Enumerable.Range(0, MemberRows)
            .Where(i => i == 0 || form[$"name{i}"].ToString().Length > 0 || form[$"idNumber{i}"].ToString().Length > 0)
            .Select(i => new ApplicantMember(form[$"name{i}"], form[$"idNumber{i}"], i == 0 ? "户主" : form[$"relationship{i}"].ToString()))
            .ToList();
        var result = await desk.RegisterAsync(
            new RegistrationRequest(form["villageCode"], form["category"], form["address"].ToString() is { Length: > 0 } a ? a : null, members), township, cancellationToken);
        if (result.Errors is { } errors)
        {
            // ID numbers are never sent back into the page.
            return RegisterPage(context, township, user, new FormCollection(form.Where(f => !f.Key.StartsWith("idNumber", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value)), errors);
        }

        return Page(context, "申请已受理", township.Name, SignedIn(user),
            $"<p class=\"notice ok\" role=\"status\">申请已受理，将送达县级平台登记；登记后该户会出现在本乡镇的家庭中。</p><p><a href=\"{Url(context, "")}\">返回工作台</a></p>");
    }

    private static async Task<IResult> AcknowledgeAsync(
        Guid id, HttpContext context, CurrentTownship township, CurrentUser user, TownshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Gate(context, township, user, write: true) is { } refused)
        {
            return refused;
        }

        await context.Request.ReadFormAsync(cancellationToken);
        await TownshipApi.Acknowledge(id, db, user, time, cancellationToken);
        return Results.Redirect(Url(context, ""), permanent: false, preserveMethod: false);
    }

    private static IResult Answer(
        HttpContext context, CurrentTownship township, CurrentUser user, DeskResult result, Guid householdId, Func<IDictionary<string, string[]>, IResult> invalid) =>
        result switch
        {
            { Capture: not null } => Results.Redirect(Url(context, $"households/{householdId}?saved=1")),
            { NotFound: true } => Page(context, "找不到", township.Name, SignedIn(user), "<p class=\"notice\">本乡镇没有这条记录。</p>", StatusCodes.Status404NotFound),
            { Conflict: { } reason } => Page(context, "不能办理", township.Name, SignedIn(user),
                $"<p class=\"notice conflict\" role=\"alert\">{E(reason)}</p><p><a href=\"{Url(context, $"households/{householdId}")}\">返回家庭</a></p>", StatusCodes.Status409Conflict),
            _ => invalid(result.Errors!),
        };

    private static string SyncNotice(HttpContext context, SyncView sync)
    {
        var html = sync.Pending == 0 ? "<p class=\"notice ok\" role=\"status\">所有受理事项均已同步到县级平台。</p>"
            : $"<p class=\"notice\" role=\"status\">有 <strong>{sync.Pending}</strong> 条受理事项等待同步到县级平台（最早受理于 {CountyTime(sync.OldestPendingAt!.Value)}）。"
              + (sync.LastError is null ? "" : "暂时无法连接县级平台，恢复后将自动按顺序发送，不会丢失。") + "</p>";
        foreach (var conflict in sync.Conflicts)
        {
            html += $"""
                <div class="notice conflict" role="alert"><p>县级平台未接受 {CountyTime(conflict.CapturedAt)} 受理的{E(CaptureName(conflict.Kind))}：{E(conflict.ConflictReason)}（以县级平台为准，本中心的记录已保留。）</p>
                <form method="post" action="{Url(context, $"sync/{conflict.Id}/acknowledge")}">{Antiforgery(context)}
                {HouseholdLink(context, conflict.HouseholdId)} <button type="submit">已知晓</button></form></div>
                """;
        }

        return html;
    }

    private static string[] TaskRow(HttpContext context, CurrentTownship township, TaskView t) =>
    [
        Due(t.DueOn, t.Overdue), E(t.KindName), E(township.VillageName(t.VillageCode)), HouseholdLink(context, t.HouseholdId),
        $"<a class=\"button\" href=\"{Url(context, $"visit?householdId={t.HouseholdId}&taskId={t.Id}")}\">记录走访</a>",
    ];

    private static string HouseholdLink(HttpContext context, Guid householdId) =>
        $"<a href=\"{Url(context, $"households/{householdId}")}\">家庭 {householdId.ToString()[..8]}</a>";

    private static string Due(DateOnly due, bool overdue) => overdue ? $"<span class=\"overdue\">{due:yyyy-MM-dd}（已逾期）</span>" : $"{due:yyyy-MM-dd}";

    private static string Due(DateTimeOffset due, bool overdue) => Due(DateOnly.FromDateTime(due.ToOffset(CountyClock.ChinaStandardTime).DateTime), overdue);

    private static string CountyTime(DateTimeOffset at) => at.ToOffset(CountyClock.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string CaptureName(CaptureKind kind) => kind switch
    {
        CaptureKind.Visit => "走访记录",
        CaptureKind.Confirmation => "服务确认",
        CaptureKind.Registration => "救助申请登记",
        _ => "投诉",
    };

    private static string CaptureState(CaptureView c) => c.State switch
    {
        Domain.Captures.CaptureState.Forwarded => "已同步",
        Domain.Captures.CaptureState.Conflict => $"<span class=\"overdue\">未被接受：{E(c.ConflictReason)}</span>",
        _ => c.LastError is null ? "待同步" : "待同步（县级平台暂不可达，将自动重试）",
    };

    private static string DegreeName(string? degree) => degree switch
    {
        "General" => "一般",
        "Serious" => "较重",
        "Severe" => "严重",
        _ => "未评估",
    };
}
