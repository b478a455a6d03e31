using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class HomeVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "home_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: true),
                    Place = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    VisitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtectedFinding = table.Column<string>(type: "text", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_home_visits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_home_visits_HouseholdId_VisitedAt",
                table: "home_visits",
                columns: new[] { "HouseholdId", "VisitedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "home_visits");
        }
    }
}
