using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Township.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrderIndependentPictureTypedCaptures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Where a capture goes now follows from its kind (Capture.HubRoute): the same service and path these held.
            migrationBuilder.DropColumn(
                name: "Path",
                table: "captures");

            migrationBuilder.DropColumn(
                name: "Service",
                table: "captures");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReassignedAt",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessedAt",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsRegistered",
                table: "households",
                type: "boolean",
                nullable: false,
                // Every household known before this release was known from its registration.
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReassignedAt",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "AssessedAt",
                table: "households");

            migrationBuilder.DropColumn(
                name: "IsRegistered",
                table: "households");

            migrationBuilder.AddColumn<string>(
                name: "Path",
                table: "captures",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Service",
                table: "captures",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");
        }
    }
}
