using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PurchaseContracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "purchase_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Townships = table.Column<string[]>(type: "text[]", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    AwardedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AwardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purchase_contracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "purchase_contract_items",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    QuantityCap = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purchase_contract_items", x => new { x.ContractId, x.ItemCode });
                    table.ForeignKey(
                        name: "FK_purchase_contract_items_purchase_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "purchase_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_purchase_contracts_Number",
                table: "purchase_contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_purchase_contracts_ProjectCode_ProviderId",
                table: "purchase_contracts",
                columns: new[] { "ProjectCode", "ProviderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "purchase_contract_items");

            migrationBuilder.DropTable(
                name: "purchase_contracts");
        }
    }
}
