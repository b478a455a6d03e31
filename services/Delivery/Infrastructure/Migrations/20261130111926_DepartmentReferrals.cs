using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssessmentId",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueBy",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "referrals",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OverdueReportedAt",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_referrals_AssessmentId_Kind",
                table: "referrals",
                columns: new[] { "AssessmentId", "Kind" },
                unique: true,
                filter: "\"AssessmentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Department_Status_DueBy",
                table: "referrals",
                columns: new[] { "Department", "Status", "DueBy" });

            // Referrals sent before deadlines existed get the county default (15 days from sending).
            migrationBuilder.Sql("""UPDATE referrals SET "DueBy" = "SentAt" + interval '15 days' WHERE "DueBy" IS NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_referrals_AssessmentId_Kind",
                table: "referrals");

            migrationBuilder.DropIndex(
                name: "IX_referrals_Department_Status_DueBy",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "AssessmentId",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "DueBy",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "OverdueReportedAt",
                table: "referrals");
        }
    }
}
