using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ServiceHistoryMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MigrationBatchId",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "migration_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MigratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MigratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Records = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_migration_batches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_MigrationBatchId",
                table: "work_orders",
                column: "MigrationBatchId",
                filter: "\"MigrationBatchId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_migration_batches_SourceReference",
                table: "migration_batches",
                column: "SourceReference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "migration_batches");

            migrationBuilder.DropIndex(
                name: "IX_work_orders_MigrationBatchId",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "MigrationBatchId",
                table: "work_orders");
        }
    }
}
