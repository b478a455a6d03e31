using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Assessments : Migration
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

            migrationBuilder.AddColumn<string[]>(
                name: "NeedCodes",
                table: "households",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

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

            migrationBuilder.CreateIndex(
                name: "IX_households_DifficultyTypes",
                table: "households",
                column: "DifficultyTypes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_households_NeedCodes",
                table: "households",
                column: "NeedCodes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_households_ReassessmentDueOn",
                table: "households",
                column: "ReassessmentDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_households_TownshipCode_Degree_RegisteredAt",
                table: "households",
                columns: new[] { "TownshipCode", "Degree", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_HouseholdId_CreatedAt",
                table: "assessments",
                columns: new[] { "HouseholdId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_TownshipCode_Status",
                table: "assessments",
                columns: new[] { "TownshipCode", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "instruments");

            migrationBuilder.DropIndex(
                name: "IX_households_DifficultyTypes",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_NeedCodes",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ReassessmentDueOn",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_TownshipCode_Degree_RegisteredAt",
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
                name: "HeadMaskedIdNumber",
                table: "households");

            migrationBuilder.DropColumn(
                name: "HeadMaskedName",
                table: "households");

            migrationBuilder.DropColumn(
                name: "NeedCodes",
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
