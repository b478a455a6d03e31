using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Provider.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Incubation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incubations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProviderKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: true),
                    Affiliation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HomeTownship = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProtectedContactName = table.Column<string>(type: "text", nullable: false),
                    ProtectedContactPhone = table.Column<string>(type: "text", nullable: false),
                    ContactNameMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    PeriodUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    AssessmentScore = table.Column<int>(type: "integer", nullable: true),
                    AssessmentPassed = table.Column<bool>(type: "boolean", nullable: true),
                    AssessmentNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incubations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incubations_provider_kinds_ProviderKind",
                        column: x => x.ProviderKind,
                        principalTable: "provider_kinds",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_incubations_providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incubation_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncubationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    AchievedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incubation_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incubation_milestones_incubations_IncubationId",
                        column: x => x.IncubationId,
                        principalTable: "incubations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incubation_supports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncubationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProvidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    BudgetYear = table.Column<int>(type: "integer", nullable: true),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FundingReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incubation_supports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incubation_supports_incubations_IncubationId",
                        column: x => x.IncubationId,
                        principalTable: "incubations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_incubation_milestones_IncubationId",
                table: "incubation_milestones",
                column: "IncubationId");

            migrationBuilder.CreateIndex(
                name: "IX_incubation_supports_FundingReference",
                table: "incubation_supports",
                column: "FundingReference",
                unique: true,
                filter: "\"FundingReference\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_incubation_supports_IncubationId",
                table: "incubation_supports",
                column: "IncubationId");

            migrationBuilder.CreateIndex(
                name: "IX_incubations_ProviderId",
                table: "incubations",
                column: "ProviderId",
                unique: true,
                filter: "\"ProviderId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_incubations_ProviderKind",
                table: "incubations",
                column: "ProviderKind");

            migrationBuilder.CreateIndex(
                name: "IX_incubations_Status",
                table: "incubations",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incubation_milestones");

            migrationBuilder.DropTable(
                name: "incubation_supports");

            migrationBuilder.DropTable(
                name: "incubations");
        }
    }
}
