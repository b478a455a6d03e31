using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImportsAndDiscovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "IdNumberIndex",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(64)",
                oldFixedLength: true,
                oldMaxLength: 64);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportJobId",
                table: "members",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MedicalExpense",
                table: "members",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MonthlyIncome",
                table: "members",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "RiskSignals",
                table: "members",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "RowHash",
                table: "members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportJobId",
                table: "households",
                type: "uuid",
                nullable: true);

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
                name: "IX_members_ImportJobId",
                table: "members",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_households_ImportJobId",
                table: "households",
                column: "ImportJobId");

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
                name: "IX_record_history_ImportJobId",
                table: "record_history",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_record_history_RecordId_Id",
                table: "record_history",
                columns: new[] { "RecordId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "discovery_alerts");

            migrationBuilder.DropTable(
                name: "import_file_chunks");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_row_errors");

            migrationBuilder.DropTable(
                name: "record_history");

            migrationBuilder.DropIndex(
                name: "IX_members_ImportJobId",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_households_ImportJobId",
                table: "households");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "members");

            migrationBuilder.DropColumn(
                name: "MedicalExpense",
                table: "members");

            migrationBuilder.DropColumn(
                name: "MonthlyIncome",
                table: "members");

            migrationBuilder.DropColumn(
                name: "RiskSignals",
                table: "members");

            migrationBuilder.DropColumn(
                name: "RowHash",
                table: "members");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "members");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "households");

            migrationBuilder.AlterColumn<string>(
                name: "IdNumberIndex",
                table: "members",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
