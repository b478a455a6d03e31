using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Township.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrderIndependentLocalPicture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
