using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LeanerImportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_members_ImportJobId",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_members_TownshipCode",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_households_ImportJobId",
                table: "households");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_members_ImportJobId",
                table: "members",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_members_TownshipCode",
                table: "members",
                column: "TownshipCode");

            migrationBuilder.CreateIndex(
                name: "IX_households_ImportJobId",
                table: "households",
                column: "ImportJobId");
        }
    }
}
