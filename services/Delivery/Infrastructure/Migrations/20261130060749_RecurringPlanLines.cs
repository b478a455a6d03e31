using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RecurringPlanLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PeriodEnds",
                table: "work_orders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PeriodStarts",
                table: "work_orders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PlanId",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewOn",
                table: "service_plans",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastClaimedAt",
                table: "service_plan_lines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StandardTimes",
                table: "service_plan_lines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "service_plan_line_periods",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Starts = table.Column<DateOnly>(type: "date", nullable: false),
                    Ends = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnmetReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_plan_line_periods", x => new { x.PlanId, x.ItemCode, x.Starts });
                    table.ForeignKey(
                        name: "FK_service_plan_line_periods_service_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "service_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Lines drafted before: their standard is what they were proposed at. Their one order becomes the first period's
            // (the period it was made in, county time), so the recurrence continues from the next period without a second order.
            migrationBuilder.Sql("""
                UPDATE service_plan_lines SET "StandardTimes" = "Times";
                UPDATE work_orders o SET "PlanId" = l."PlanId",
                    "PeriodStarts" = date_trunc(CASE l."Per" WHEN 'Day' THEN 'day' WHEN 'Week' THEN 'week' WHEN 'Month' THEN 'month' WHEN 'Quarter' THEN 'quarter' ELSE 'year' END,
                        o."CreatedAt" AT TIME ZONE 'Asia/Shanghai')::date,
                    "PeriodEnds" = (date_trunc(CASE l."Per" WHEN 'Day' THEN 'day' WHEN 'Week' THEN 'week' WHEN 'Month' THEN 'month' WHEN 'Quarter' THEN 'quarter' ELSE 'year' END,
                        o."CreatedAt" AT TIME ZONE 'Asia/Shanghai')
                        + CASE l."Per" WHEN 'Day' THEN interval '1 day' WHEN 'Week' THEN interval '7 days' WHEN 'Month' THEN interval '1 month' WHEN 'Quarter' THEN interval '3 months' ELSE interval '1 year' END)::date
                FROM service_plan_lines l
                WHERE l."WorkOrderId" = o."Id" AND l."Per" IN ('Day', 'Week', 'Month', 'Quarter', 'Year');
                INSERT INTO service_plan_line_periods ("PlanId", "ItemCode", "Starts", "Ends", "WorkOrderId", "ClaimedAt")
                SELECT "PlanId", "ItemCode", "PeriodStarts", "PeriodEnds", "Id", "CreatedAt" FROM work_orders WHERE "PeriodStarts" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_PlanId_ItemCode_PeriodStarts",
                table: "work_orders",
                columns: new[] { "PlanId", "ItemCode", "PeriodStarts" },
                filter: "\"PlanId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_plan_line_periods");

            migrationBuilder.DropIndex(
                name: "IX_work_orders_PlanId_ItemCode_PeriodStarts",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "PeriodEnds",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "PeriodStarts",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "PlanId",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ReviewOn",
                table: "service_plans");

            migrationBuilder.DropColumn(
                name: "LastClaimedAt",
                table: "service_plan_lines");

            migrationBuilder.DropColumn(
                name: "StandardTimes",
                table: "service_plan_lines");
        }
    }
}
