using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Provider.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Pairings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    PairerKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PairerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProtectedPairerName = table.Column<string>(type: "text", nullable: true),
                    PairerNameMasked = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VisitsPerMonth = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pairing_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairing_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairing_visits_pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pairing_visits_PairingId",
                table: "pairing_visits",
                column: "PairingId");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_HouseholdId_PairerKind",
                table: "pairings",
                columns: new[] { "HouseholdId", "PairerKind" });

            migrationBuilder.CreateIndex(
                name: "IX_pairings_TownshipCode",
                table: "pairings",
                column: "TownshipCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pairing_visits");

            migrationBuilder.DropTable(
                name: "pairings");
        }
    }
}
