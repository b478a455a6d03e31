using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContractId",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Townships = table.Column<string[]>(type: "text[]", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    QuantityCap = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts", x => new { x.ContractId, x.ItemCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_ProviderId_ItemCode",
                table: "contracts",
                columns: new[] { "ProviderId", "ItemCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contracts");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "work_orders");
        }
    }
}
