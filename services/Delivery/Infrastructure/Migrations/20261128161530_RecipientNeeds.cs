using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RecipientNeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessedAt",
                table: "recipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AssessmentId",
                table: "recipients",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Degree",
                table: "recipients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "DifficultyTypes",
                table: "recipients",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "NeedCodes",
                table: "recipients",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessedAt",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "AssessmentId",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "Degree",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "DifficultyTypes",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "NeedCodes",
                table: "recipients");
        }
    }
}
