using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRecordsAndRematch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Record",
                table: "work_orders",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "ContentDone",
                table: "work_orders",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "Evidence",
                table: "work_orders",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "Flags",
                table: "work_orders",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<int>(
                name: "MovedMetres",
                table: "work_orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Place",
                table: "work_orders",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PositionReported",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string[]>(
                name: "RequiredContent",
                table: "work_orders",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "SealedCheckInPosition",
                table: "work_orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "Staff",
                table: "work_orders",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<int>(
                name: "MatchAttempts",
                table: "service_plan_lines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MatchRetryAt",
                table: "service_plan_lines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "RequiredContent",
                table: "service_plan_lines",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "service_plan_lines",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "referrals",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Need",
                table: "referrals",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500);

            migrationBuilder.AlterColumn<string>(
                name: "Resolution",
                table: "complaints",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "complaints",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.CreateIndex(
                name: "IX_service_plan_lines_MatchRetryAt",
                table: "service_plan_lines",
                column: "MatchRetryAt",
                filter: "\"MatchRetryAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_plan_lines_MatchRetryAt",
                table: "service_plan_lines");

            migrationBuilder.DropColumn(
                name: "ContentDone",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "Evidence",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "MovedMetres",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "Place",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "PositionReported",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "RequiredContent",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "SealedCheckInPosition",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "Staff",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "MatchAttempts",
                table: "service_plan_lines");

            migrationBuilder.DropColumn(
                name: "MatchRetryAt",
                table: "service_plan_lines");

            migrationBuilder.DropColumn(
                name: "RequiredContent",
                table: "service_plan_lines");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "service_plan_lines");

            migrationBuilder.AlterColumn<string>(
                name: "Record",
                table: "work_orders",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "referrals",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Need",
                table: "referrals",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "Resolution",
                table: "complaints",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "complaints",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }
    }
}
