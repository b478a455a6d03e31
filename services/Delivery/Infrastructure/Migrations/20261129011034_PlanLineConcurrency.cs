using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PlanLineConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "service_plan_lines",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "service_plan_lines");
        }
    }
}
