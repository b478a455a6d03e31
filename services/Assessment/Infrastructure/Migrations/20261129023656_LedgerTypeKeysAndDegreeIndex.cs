using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerTypeKeysAndDegreeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // "township/type" for each of a household's difficulty types: what the ledger's GIN index is built on.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_type_keys(township text, types text[]) RETURNS text[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT coalesce(array_agg(township || '/' || t), '{}') FROM unnest(types) AS t $$
                """);

            migrationBuilder.AddColumn<string[]>(
                name: "LedgerTypeKeys",
                table: "households",
                type: "text[]",
                nullable: true,
                computedColumnSql: "ledger_type_keys(\"TownshipCode\", \"DifficultyTypes\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_degree",
                table: "households",
                columns: new[] { "TownshipCode", "Degree", "RegisteredAt", "Id" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_households_LedgerTypeKeys",
                table: "households",
                column: "LedgerTypeKeys")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_degree",
                table: "households");

            migrationBuilder.DropIndex(
                name: "IX_households_LedgerTypeKeys",
                table: "households");

            migrationBuilder.DropColumn(
                name: "LedgerTypeKeys",
                table: "households");

            migrationBuilder.Sql("DROP FUNCTION ledger_type_keys(text, text[])");
        }
    }
}
