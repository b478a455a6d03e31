using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ServiceLevelsReassignmentConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssignedAt",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompleteBy",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CompletionDays",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "CompletionOverdueReported",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmationCodeExpiresAt",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationCodeFailures",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmationCodeHash",
                table: "work_orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedVia",
                table: "work_orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousProviderId",
                table: "work_orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReassignReason",
                table: "work_orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RespondBy",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseHours",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "ResponseOverdueReported",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SatisfactionComment",
                table: "work_orders",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "CompleteBy",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "CompletionDays",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "CompletionOverdueReported",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ConfirmationCodeExpiresAt",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ConfirmationCodeFailures",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ConfirmationCodeHash",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ConfirmedVia",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "PreviousProviderId",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ReassignReason",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "RespondBy",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ResponseHours",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "ResponseOverdueReported",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "SatisfactionComment",
                table: "work_orders");
        }
    }
}
