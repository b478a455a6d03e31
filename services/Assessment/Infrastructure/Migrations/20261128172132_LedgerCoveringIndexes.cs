using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_households_DifficultyTypes",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_NeedCodes",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_TownshipCode_Degree_RegisteredAt",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households",
                columns: new[] { "Degree", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_due",
                table: "households",
                columns: new[] { "TownshipCode", "ReassessmentDueOn", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "Category", "Status", "Degree", "DifficultyTypes", "NeedCodes", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_registration",
                table: "households",
                columns: new[] { "TownshipCode", "RegisteredAt", "Id" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexInclude", new[] { "Category", "Status", "Degree", "DifficultyTypes", "NeedCodes", "ReassessmentDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_due",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_registration",
                table: "households");

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
                name: "IX_households_TownshipCode_Degree_RegisteredAt",
                table: "households",
                columns: new[] { "TownshipCode", "Degree", "RegisteredAt" });
        }
    }
}
