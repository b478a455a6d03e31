using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerTypeKeysAndDegreeIndexes : Migration
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

            migrationBuilder.DropIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households");

            migrationBuilder.AddColumn<string[]>(
                name: "LedgerTypeKeys",
                table: "households",
                type: "text[]",
                nullable: true,
                computedColumnSql: "ledger_type_keys(\"TownshipCode\", \"DifficultyTypes\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_ledger_by_county_degree",
                table: "households",
                columns: new[] { "Degree", "RegisteredAt", "Id" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexInclude", new[] { "TownshipCode", "VillageCode", "Category", "Status", "DifficultyTypes", "NeedCodes", "ReassessmentDueOn" });

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

            // The ledger reads households from its indexes alone only where the visibility map says a page is all
            // visible; after a reassessment sweep or a re-import touches a tenth of the rows, the default autovacuum
            // (at 20 % dead rows) would leave those pages to be read from the heap for a long time.
            migrationBuilder.Sql("ALTER TABLE households SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE households RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)");

            migrationBuilder.DropIndex(
                name: "IX_households_ledger_by_county_degree",
                table: "households");

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

            migrationBuilder.CreateIndex(
                name: "IX_households_Degree_RegisteredAt",
                table: "households",
                columns: new[] { "Degree", "RegisteredAt" });
        }
    }
}
