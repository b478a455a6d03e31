using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmationCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
