namespace ReliefPlatform.Portal.Hub;

// What the portal reads of the hub's answers: the fields its pages show, as the APIs name them (states as text).

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record PlanSummary(Guid Id, Guid HouseholdId, string TownshipCode, string Status, DateTimeOffset DraftedAt, DateTimeOffset? ApprovedAt, int Lines, int AwaitingMatch, int Unmet);

/// <param name="Considered">Every catalogue item the matching considered for the household, eligible or not, with the rules and why.</param>
/// <param name="ReviewOn">The household's next reassessment, when the plan is reviewed.</param>
public sealed record Plan(Guid Id, Guid HouseholdId, string TownshipCode, Guid AssessmentId, int CatalogueVersion, string Status, DateTimeOffset DraftedAt,
    DateTimeOffset? ApprovedAt, IReadOnlyList<PlanLine> Lines, IReadOnlyList<ConsideredItem>? Considered = null, DateOnly? ReviewOn = null);

/// <param name="StandardTimes">The most sessions per period the item's standard allows this household.</param>
public sealed record PlanLine(string ItemCode, string ItemName, int Times, string Per, int MinutesPerSession, string Reasons, bool Included, string? Note,
    string? ProviderId, Guid? WorkOrderId, string? MatchExplanation, bool Unmet, bool AwaitingMatch, int StandardTimes = 0, string? UnmetReason = null);

/// <summary>One catalogue item as the matching answered for the household: eligible or not, and each rule it weighed.</summary>
public sealed record ConsideredItem(string Code, string NameZh, bool Eligible, IReadOnlyList<ConsideredRule> Reasons);

public sealed record ConsideredRule(string Rule, bool Met, string Explanation);

public sealed record WorkOrder(Guid Id, Guid HouseholdId, string TownshipCode, string ItemCode, string ProviderId, decimal Amount, string Status,
    DateOnly? ScheduledOn, int? Satisfaction, DateTimeOffset? RespondBy, DateTimeOffset? CompleteBy, string? Overdue, bool FlaggedShort,
    int Units = 0, IReadOnlyList<WorkOrderStep>? Steps = null, IReadOnlyList<string>? Flags = null, int? Minutes = null, string? Record = null,
    IReadOnlyList<string>? RequiredContent = null, IReadOnlyList<string>? ContentDone = null, IReadOnlyList<string>? Staff = null,
    IReadOnlyList<string>? Evidence = null, int? MovedMetres = null);

/// <summary>Work orders by state, counted by Delivery with the list's filters and walls (<c>/api/delivery/work-orders/counts</c>).</summary>
public sealed record WorkOrderCounts(int Total, IReadOnlyList<WorkOrderStateCount> States);

public sealed record WorkOrderStateCount(string Status, int Count);

/// <summary>One move of a work order, as the API records it (<c>From</c> is empty for its creation).</summary>
public sealed record WorkOrderStep(string? From, string To, DateTimeOffset At);

/// <summary>A provider as Provider's registry lists it (contacts masked); the later members are for the provider network's pages.</summary>
public sealed record ProviderSummary(Guid Id, string Name, string Status, string? HomeTownship, string? Kind = null, string? StatusName = null,
    string? CreditCode = null, string? Affiliation = null, string? ContactName = null, string? ContactPhone = null, DateTimeOffset? AppliedAt = null);

public sealed record Complaint(Guid Id, Guid HouseholdId, string TownshipCode, Guid? WorkOrderId, string Category, string Description, string Status,
    DateTimeOffset ReceivedAt, DateTimeOffset DueBy, bool Overdue, string? AssignedTo);

public sealed record Referral(Guid Id, Guid HouseholdId, string TownshipCode, string Department, string DepartmentName, string Need, string Status, DateTimeOffset SentAt,
    DateTimeOffset? AcceptedAt = null, DateTimeOffset? FinishedAt = null, string? Outcome = null, string? Kind = null, DateTimeOffset? DueBy = null, bool Overdue = false);

/// <summary>Whom a department officer contacts for an accepted referral (an audited reveal).</summary>
public sealed record ReferralContact(Guid ReferralId, Guid HouseholdId, string? HeadName, string? Address);

public sealed record DiscoveryAlert(Guid Id, Guid HouseholdId, string TownshipCode, string VillageCode, string Rule, string RuleName, DateTimeOffset RaisedAt,
    DateOnly VisitDueOn, bool Overdue, string Status);

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Items, int Page, int PageSize, int Total, bool MoreThanTotal);

public sealed record LedgerRow(Guid HouseholdId, string TownshipCode, string VillageCode, string Category, string CategoryName, string Status, int MemberCount,
    string? HeadName, string? HeadIdNumber, string? Degree, string? DegreeName, DateTimeOffset RegisteredAt);

public sealed record Household(Guid Id, string TownshipCode, string VillageCode, string Category, string CategoryName, int MemberCount, string Status,
    string? ExitReason, DateTimeOffset RegisteredAt, IReadOnlyList<Member> Members);

/// <param name="EmploymentStatus">The status's name (失业 …), <paramref name="EmploymentStatusCode"/> its code, <paramref name="EmploymentStatusSince"/> the day a correction said it holds from.</param>
public sealed record Member(Guid Id, string Name, string IdNumber, int Age, string Gender, string Relationship, string? DisabilityType, int? DisabilityGrade,
    bool ChronicIllness, bool LivingAlone, bool? HasEffectiveGuardian, string? EmploymentStatus = null, string? EmploymentStatusCode = null,
    DateOnly? EmploymentStatusSince = null);

public sealed record RevealedHousehold(Guid HouseholdId, string? Address, IReadOnlyList<RevealedMember> Members);

public sealed record RevealedMember(Guid MemberId, string Name, string IdNumber);

/// <summary>An assessment in the approval queue (GET /api/assessment/assessments?status=Submitted).</summary>
public sealed record QueuedAssessment(Guid Id, Guid HouseholdId, string TownshipCode, DateTimeOffset VisitedAt, string DegreeName, decimal Score);

public sealed record Assessment(Guid Id, string Status, decimal Score, string Degree, string DegreeName, IReadOnlyList<string> DifficultyTypes,
    DateTimeOffset VisitedAt, AssessmentOutcome Result);

public sealed record AssessmentOutcome(IReadOnlyList<DimensionScore> Dimensions, IReadOnlyList<IndicatorScore> Indicators, IReadOnlyList<string> Reasons);

public sealed record DimensionScore(string Code, string Name, decimal Score, decimal Weight, decimal Contribution);

/// <summary>An indicator's answer and points; the labels are the answers in words (the reason for the score).</summary>
public sealed record IndicatorScore(string Dimension, string Code, string Name, IReadOnlyList<string> Labels, decimal Points, decimal MaxPoints);

/// <summary>The body of <c>POST /api/assessment/households</c>.</summary>
public sealed record HouseholdRegistration(string? TownshipCode, string? VillageCode, string? Category, int? MemberCount, string? Address,
    IReadOnlyList<MemberRegistration> Members);

public sealed record MemberRegistration(string? Name, string? IdNumber, string? Relationship, string? DisabilityType, int? DisabilityGrade,
    bool? ChronicIllness, bool? LivingAlone, bool? HasEffectiveGuardian);

/// <summary>The assessment instrument in force (<c>GET /api/assessment/instruments/current</c>): its dimensions, indicators and answers.</summary>
public sealed record Instrument(int Version, string Name, IReadOnlyList<InstrumentDimension> Dimensions, IReadOnlyList<InstrumentDifficultyType> DifficultyTypes);

public sealed record InstrumentDimension(string Code, string Name, decimal Weight, IReadOnlyList<InstrumentIndicator> Indicators);

/// <param name="Multiple">More than one answer may be chosen (none is also an answer).</param>
public sealed record InstrumentIndicator(string Code, string Name, string? Source, bool Multiple, IReadOnlyList<InstrumentOption> Options);

public sealed record InstrumentOption(string Code, string Label, decimal Points);

/// <param name="MinShare">The share (0–1) of its indicators' maximum points from which the type applies.</param>
public sealed record InstrumentDifficultyType(string Code, string Name, string? Dimension, decimal MinShare);

/// <summary>The body of <c>POST /api/assessment/households/{id}/assessments</c> and <c>PUT /api/assessment/assessments/{id}</c>.</summary>
public sealed record AssessmentRecording(string? Place, DateTimeOffset? VisitedAt, Dictionary<string, string[]> Answers, string? StatedRequests);

/// <summary>A monitoring import's progress, as <c>GET /api/assessment/imports/{id}</c> tells it.</summary>
/// <param name="FinalFrom">From then on the import can no longer be rolled back.</param>
public sealed record ImportJob(Guid Id, string FileName, string Format, string Status, long Bytes, decimal PercentDone, long LinesRead, long RowsValid,
    long RowsRejected, long AlertsRaised, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset? FinalFrom, DateTimeOffset? FileDeletedAt);

/// <summary>What a rollback undid.</summary>
public sealed record ImportRollback(int MembersRemoved, int MembersRestored, int HouseholdsRemoved, int HouseholdsRestored, int HouseholdsKept, int AlertsClosed);

/// <summary>
/// A file read as the import would read it, nothing written (<c>POST /api/assessment/imports/preview</c>): its columns
/// with the field each gives (or is suggested to), the words the registry does not read, the first rows with their
/// errors and the counts for the whole file (only when <see cref="Readable"/>).
/// </summary>
public sealed record ImportPreview(
    string FileName, IReadOnlyList<Guid> SameFileAs, bool Readable, string? Problem, int? HeaderRow, int HeaderRows, ImportPreviewProfile? Profile,
    IReadOnlyList<ImportPreviewColumn> Columns, IReadOnlyList<string> Missing, IReadOnlyDictionary<string, Dictionary<string, string?>> Words,
    IReadOnlyList<ImportPreviewRow> Rows, ImportPreviewCounts? Counts)
{
    /// <summary>A workbook's visible sheets (empty for a text file); <see cref="Sheet"/> is the one read.</summary>
    public IReadOnlyList<string> Sheets { get; init; } = [];

    public string? Sheet { get; init; }
}

/// <param name="FieldName">The field's Chinese name; <c>By</c> says how it was found (profile, name, suggested-name, values).</param>
public sealed record ImportPreviewColumn(int Number, string? Name, string? Field, string? FieldName, string? By, IReadOnlyList<string> Samples);

public sealed record ImportPreviewProfile(Guid Id, string Name, int Version);

public sealed record ImportPreviewRow(long Line, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<ImportPreviewError> Errors);

public sealed record ImportPreviewError(string Field, string Message);

public sealed record ImportPreviewCounts(long Rows, long Valid, long Refused, long New, long Changed, long Unchanged);

/// <summary>A column-mapping profile version (<c>/api/assessment/import-profiles</c>): header name → field, field → the source's word → the registry's.</summary>
public sealed record ImportProfile(
    Guid Id, string Name, int Version, IReadOnlyDictionary<string, string> Columns, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values,
    DateTimeOffset CreatedAt, DateTimeOffset? SupersededAt);

/// <summary>A registry field a profile maps a column to (<c>GET /api/assessment/import-profiles/fields</c>).</summary>
public sealed record ImportField(string Field, string Name, bool Required, IReadOnlyList<string>? Choices);

/// <summary>The needs ledger's counts (<c>GET /api/assessment/ledger/summary</c>), walled to the user's township as the ledger is.</summary>
public sealed record LedgerSummary(int Households, int Assessed, int ReassessmentOverdue, IReadOnlyList<LedgerCount> ByTownship, IReadOnlyList<LedgerCount> ByDegree,
    IReadOnlyList<LedgerCount> ByType);

public sealed record LedgerCount(string Key, int Households);

/// <summary>The supervision KPIs of a month (<c>GET /api/funding/kpis?month=&amp;by=</c>), a row per township, item, provider or project.</summary>
public sealed record KpiReport(string Month, string By, string? ProjectCode, IReadOnlyList<KpiRow> Rows);

/// <summary>The supervision KPIs month by month (<c>GET /api/funding/kpis/months?from=&amp;to=</c>), migrated services in the months they happened.</summary>
public sealed record MonthlyKpiReport(string From, string To, IReadOnlyList<MonthlyKpiRow> Months);

/// <param name="ConfirmedRate">Of the month's delivered services, the share confirmed, 0–1.</param>
/// <param name="Spend">Paid to providers in the month (yuan), migrated services' spend in the month they happened.</param>
public sealed record MonthlyKpiRow(
    string Month, int OrdersCreated, int ServicesDelivered, int ServicesConfirmed, decimal? ConfirmedRate, decimal? SatisfactionMean, decimal? SatisfiedShare,
    decimal ConfirmedAmount, decimal Spend, int MigratedServices);

/// <param name="Coverage">Served ÷ with needs, 0–1 (by township; none when no household has needs).</param>
/// <param name="SatisfiedShare">Share of scored confirmations at 4 or 5, 0–1.</param>
public sealed record KpiRow(
    string Key, int HouseholdsAssessed, int HouseholdsWithNeeds, int HouseholdsServed, decimal? Coverage, decimal? DaysNeedToFirstService, int UnmetNeeds,
    int OrdersCreated, int ServicesDelivered, int FlaggedShort, int ServicesConfirmed, decimal? SatisfactionMean, decimal? SatisfiedShare,
    int Complaints, int ComplaintsClosed, decimal? ResolutionDaysMean, decimal? Budget, decimal? SpentToDate, decimal? SpendRate,
    decimal FreeServiceHours, decimal FreeServiceValue, int RecordsIncomplete, decimal CommittedThisMonth, decimal ConfirmedThisMonth, decimal PaidThisMonth);

/// <summary>A budget line (<c>GET /api/funding/budget-lines</c>): year × source × project × township (× item).</summary>
public sealed record BudgetLine(Guid Id, int Year, string SourceType, string ProjectCode, string TownshipCode, string ItemCode, decimal Allocated,
    decimal Committed, decimal Spent, decimal Available);

public sealed record FundingSourceType(string Code, string NameZh, string NameEn);

/// <summary>The catalogue in force (<c>GET /api/catalogue/current</c>), read for its items' names.</summary>
public sealed record PublishedCatalogue(IReadOnlyList<PublishedItem> Items);

public sealed record PublishedItem(CatalogueItem Item);

public sealed record CatalogueItem(string Code, string NameZh, string NameEn);

/// <summary>A purchase project (<c>GET /api/funding/projects/{id}</c>) with its figures and every stage proposed.</summary>
/// <param name="NextStages">The stages that may be proposed now (none while a proposal waits for its decision).</param>
public sealed record Project(Guid Id, int Year, string Code, string Name, string Goals, IReadOnlyList<string> Items, IReadOnlyList<string> Townships,
    decimal Budget, string Stage, string StageName, string? Outcome, IReadOnlyList<string> NextStages, ProjectFigures Figures,
    IReadOnlyList<ProjectStageRecord> History);

/// <param name="SatisfiedShare">The share (0–1) of the project's scored confirmations at 4–5, that 验收's satisfaction criterion is computed from.</param>
public sealed record ProjectFigures(decimal Budget, decimal Allocated, decimal Committed, decimal Spent, decimal Available, int Contracts,
    decimal ContractCeiling, int OrdersCreated, int ServicesDelivered, int FlaggedShort, int ServicesConfirmed, decimal? SatisfactionMean,
    decimal? SatisfiedShare);

/// <param name="Figures">The project's figures when the stage was proposed.</param>
public sealed record ProjectStageRecord(string To, string ToName, string Findings, IReadOnlyList<string> Documents, AcceptanceScores? Scores, int? Total,
    string? Outcome, ProjectFigures? Figures, string Status, string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? ReturnReason);

/// <summary>验收's scores: completion (30), satisfaction (30, computed from the confirmations), funds (20), records (20).</summary>
public sealed record AcceptanceScores(int Completion, int Satisfaction, int Funds, int Records);

/// <summary>The body of <c>POST /api/funding/projects/{id}/stages</c>; satisfaction is never sent (the API computes it).</summary>
public sealed record StageProposal(string? Stage, string? Findings, IReadOnlyList<string> Documents, AcceptanceScoreEntry? Scores);

public sealed record AcceptanceScoreEntry(int? Completion, int? Funds, int? Records);

/// <summary>The body of <c>POST /api/funding/projects</c> (立项申请).</summary>
public sealed record ProjectProposal(int? Year, string? Code, string? Name, string? Goals, IReadOnlyList<string> Items, IReadOnlyList<string> Townships,
    decimal? Budget, IReadOnlyList<string> Documents);

/// <summary>A page of a service's audit log (<c>GET /api/{area}/audit</c>), newest first; <c>Before</c> asks for the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Before);

public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string? Details, string Hash);

/// <summary>The audit log's hash chain walked (<c>GET /api/{area}/audit/verify</c>): intact, or the first entry changed, removed or reordered.</summary>
public sealed record AuditVerification(long Entries, bool Intact, long? FirstBrokenSequence);

/// <summary>A request to put money on a budget line or move it between lines (<c>GET /api/funding/allocations</c>), decided by a second person.</summary>
public sealed record Allocation(Guid Id, string Kind, BudgetKey Target, Guid? FromLineId, decimal Amount, string Reason, string Status, string ProposedBy,
    DateTimeOffset ProposedAt, string? DecidedBy, string? RejectionReason);

public sealed record BudgetKey(int Year, string SourceType, string ProjectCode, string TownshipCode, string ItemCode);

/// <summary>The body of <c>POST /api/funding/allocations</c> (下达预算).</summary>
public sealed record AllocationProposal(int? Year, string? SourceType, string? ProjectCode, string? TownshipCode, string? ItemCode, decimal? Amount, string? Reason);

/// <summary>A donation (<c>GET /api/funding/donations</c>): a person's name masked; its receipt printed by the API.</summary>
public sealed record Donation(Guid Id, string ReceiptNumber, int Year, string DonorKind, string Donor, decimal Amount, string AmountInWords, DateOnly ReceivedOn,
    string? RestrictedItem, string? RestrictedTownship, string ProjectCode, string TownshipCode, string Purpose, Guid AllocationRequestId, DateTimeOffset RecordedAt);

/// <summary>Delivery's worklist counts (<c>GET /api/delivery/worklist</c>): null where this user may not read the list.</summary>
public sealed record WorklistCounts(
    int? PlansToApprove, int? UnmetNeeds, int? OverdueOrders, int? ComplaintsDue, int? ComplaintsReceived, int? ReferralsSent);

/// <summary>A coordination meeting (协调会商) as Delivery's meetings API gives it.</summary>
public sealed record Meeting(Guid Id, string Kind, string KindName, string Subject, DateOnly HeldOn, IReadOnlyList<string> Departments, IReadOnlyList<Guid> HouseholdIds,
    IReadOnlyList<string>? Attended, DateTimeOffset ConvenedAt, IReadOnlyList<MeetingAction> Actions);

/// <summary>A meeting's decision, owned by a department with a due day, followed until done.</summary>
public sealed record MeetingAction(Guid Id, Guid MeetingId, string Decision, string Owner, string OwnerName, DateOnly DueOn, bool Overdue, IReadOnlyList<string> FollowUps,
    DateTimeOffset? DoneAt, string? Result);

/// <summary>资源布局: per township × item, demand against supply and delivery, ranked worst first (Delivery's resource layout).</summary>
public sealed record ResourceLayout(DateOnly From, DateOnly To, IReadOnlyList<ResourceGap> Cells);

public sealed record ResourceGap(
    int Rank, string TownshipCode, string ItemCode, int DemandHouseholds, decimal DemandPerWeek, int Providers, decimal SupplyPerWeek,
    int DeliveredOrders, int ServedHouseholds, decimal ShortfallPerWeek, decimal? Coverage, int UnservedHouseholds, string Gap, string GapName);

/// <summary>培养队伍: a person doing the work as Provider's workforce register shows them (name masked).</summary>
public sealed record WorkforceMember(Guid Id, string Role, string RoleName, string Name, Guid? ProviderId, string? AccountId, string? TownshipCode, decimal TrainingHours,
    DateTimeOffset RegisteredAt);

public sealed record WorkforceMemberDetail(WorkforceMember Member, IReadOnlyList<CourseAttendance> Training, IReadOnlyList<TrainingCertificate> Certificates);

public sealed record TrainingCourse(Guid Id, string Title, DateOnly HeldFrom, DateOnly HeldUntil, decimal Hours, string? CertificateType, int? CertificateValidMonths,
    int Attendees, int Certified);

public sealed record CourseAttendance(Guid CourseId, string CourseTitle, Guid MemberId, decimal Hours, bool Passed, TrainingCertificate? Certificate);

public sealed record TrainingCertificate(Guid Id, Guid CourseId, string Type, string TypeName, string Number, DateOnly ValidFrom, DateOnly ValidUntil, string State,
    Guid? QualificationId);

public sealed record QualificationType(string Code, string NameZh);
