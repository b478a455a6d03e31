using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OpenOrderAndUnmetLineIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_work_orders_CompleteBy_Open",
                table: "work_orders",
                column: "CompleteBy",
                filter: "\"Status\" IN ('Assigned', 'Scheduled', 'InProgress')");

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_RespondBy_Assigned",
                table: "work_orders",
                column: "RespondBy",
                filter: "\"Status\" = 'Assigned'");

            migrationBuilder.CreateIndex(
                name: "IX_service_plan_lines_PlanId_Unmet",
                table: "service_plan_lines",
                column: "PlanId",
                filter: "\"Included\" AND ((\"ProviderId\" IS NULL AND \"MatchExplanation\" IS NOT NULL AND \"MatchRetryAt\" IS NULL) OR \"UnmetReason\" IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_work_orders_CompleteBy_Open",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "IX_work_orders_RespondBy_Assigned",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "IX_service_plan_lines_PlanId_Unmet",
                table: "service_plan_lines");
        }
    }
}
