using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RegistryAssessmentsImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AssessedOn",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentAssessmentId",
                table: "households",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Degree",
                table: "households",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "DifficultyTypes",
                table: "households",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "ExitReason",
                table: "households",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExitedAt",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalRef",
                table: "households",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeadMaskedIdNumber",
                table: "households",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeadMaskedName",
                table: "households",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportJobId",
                table: "households",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "NeedCodes",
                table: "households",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedAddress",
                table: "households",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReassessmentAnnouncedFor",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReassessmentDueOn",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    InstrumentVersion = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VisitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtectedRequests = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Answers = table.Column<string>(type: "jsonb", nullable: false),
                    Result = table.Column<string>(type: "jsonb", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Degree = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DifficultyTypes = table.Column<string[]>(type: "text[]", nullable: false),
                    NeedCodes = table.Column<string[]>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessments_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    previous_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "discovery_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VisitDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ImportJobId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Resolution = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_discovery_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_file_chunks",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_file_chunks", x => new { x.JobId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LinesRead = table.Column<long>(type: "bigint", nullable: false),
                    BytesRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsValid = table.Column<long>(type: "bigint", nullable: false),
                    RowsRejected = table.Column<long>(type: "bigint", nullable: false),
                    RowsNew = table.Column<long>(type: "bigint", nullable: false),
                    RowsChanged = table.Column<long>(type: "bigint", nullable: false),
                    RowsUnchanged = table.Column<long>(type: "bigint", nullable: false),
                    AlertsRaised = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeasedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_row_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdRef = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_row_errors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "instruments",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "jsonb", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instruments", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    ProtectedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedIdNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdNumberIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MaskedName = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MaskedIdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    IsMale = table.Column<bool>(type: "boolean", nullable: false),
                    Relationship = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisabilityType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DisabilityGrade = table.Column<int>(type: "integer", nullable: true),
                    ChronicIllness = table.Column<bool>(type: "boolean", nullable: false),
                    LivingAlone = table.Column<bool>(type: "boolean", nullable: false),
                    HasEffectiveGuardian = table.Column<bool>(type: "boolean", nullable: true),
                    MonthlyIncome = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    MedicalExpense = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    RiskSignals = table.Column<string[]>(type: "text[]", nullable: false),
                    RowHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ImportJobId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_members_households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "record_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    TableName = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportJobId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Previous = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_history", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households",
                columns: new[] { "Degree", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_households_ExternalRef",
                table: "households",
                column: "ExternalRef",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_due",
                table: "households",
                columns: new[] { "TownshipCode", "ReassessmentDueOn", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "VillageCode", "Category", "Status", "Degree", "DifficultyTypes", "NeedCodes", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_registration",
                table: "households",
                columns: new[] { "TownshipCode", "RegisteredAt", "Id" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexInclude", new[] { "VillageCode", "Category", "Status", "Degree", "DifficultyTypes", "NeedCodes", "ReassessmentDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_households_ReassessmentDueOn",
                table: "households",
                column: "ReassessmentDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_assessments_HouseholdId_CreatedAt",
                table: "assessments",
                columns: new[] { "HouseholdId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_TownshipCode_Status",
                table: "assessments",
                columns: new[] { "TownshipCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_id",
                table: "audit_entries",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_discovery_alerts_ImportJobId",
                table: "discovery_alerts",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_discovery_alerts_SubjectId_Rule",
                table: "discovery_alerts",
                columns: new[] { "SubjectId", "Rule" },
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_discovery_alerts_TownshipCode_Status_VisitDueOn",
                table: "discovery_alerts",
                columns: new[] { "TownshipCode", "Status", "VisitDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_import_jobs_Status_CreatedAt",
                table: "import_jobs",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_import_row_errors_JobId_Line",
                table: "import_row_errors",
                columns: new[] { "JobId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_members_HouseholdId",
                table: "members",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_members_IdNumberIndex",
                table: "members",
                column: "IdNumberIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_record_history_ImportJobId",
                table: "record_history",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_record_history_RecordId_Id",
                table: "record_history",
                columns: new[] { "RecordId", "Id" });
            // The audit log refuses UPDATE and DELETE; uploaded files are stored as they came (compressing them costs
            // seconds of CPU per upload and saves little).
            migrationBuilder.Sql(ReliefPlatform.Security.Audit.AuditModelBuilderExtensions.AppendOnlySql);
            migrationBuilder.Sql("ALTER TABLE import_file_chunks ALTER COLUMN \"Data\" SET STORAGE EXTERNAL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "discovery_alerts");

            migrationBuilder.DropTable(
                name: "import_file_chunks");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_row_errors");

            migrationBuilder.DropTable(
                name: "instruments");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "record_history");

            migrationBuilder.DropIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ExternalRef",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_due",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_registration",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ReassessmentDueOn",
                table: "households");

            migrationBuilder.DropColumn(
                name: "AssessedOn",
                table: "households");

            migrationBuilder.DropColumn(
                name: "CurrentAssessmentId",
                table: "households");

            migrationBuilder.DropColumn(
                name: "Degree",
                table: "households");

            migrationBuilder.DropColumn(
                name: "DifficultyTypes",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ExitReason",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ExitedAt",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ExternalRef",
                table: "households");

            migrationBuilder.DropColumn(
                name: "HeadMaskedIdNumber",
                table: "households");

            migrationBuilder.DropColumn(
                name: "HeadMaskedName",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "households");

            migrationBuilder.DropColumn(
                name: "NeedCodes",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ProtectedAddress",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ReassessmentAnnouncedFor",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ReassessmentDueOn",
                table: "households");
        }
    }
}
