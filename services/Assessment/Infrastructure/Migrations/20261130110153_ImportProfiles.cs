using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ImportProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ProfileId",
                table: "import_jobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceSha256",
                table: "import_jobs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Imports before this took the file as uploaded (CSV or JSON lines): the stored file's hash is the upload's.
            migrationBuilder.Sql("""UPDATE import_jobs SET "SourceSha256" = "Sha256";""");

            migrationBuilder.CreateTable(
                name: "import_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Columns = table.Column<string>(type: "jsonb", nullable: false),
                    Values = table.Column<string>(type: "jsonb", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_profiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_import_jobs_SourceSha256",
                table: "import_jobs",
                column: "SourceSha256");

            migrationBuilder.CreateIndex(
                name: "IX_import_profiles_Name_Version",
                table: "import_profiles",
                columns: new[] { "Name", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_profiles");

            migrationBuilder.DropIndex(
                name: "IX_import_jobs_SourceSha256",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "ProfileId",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "SourceSha256",
                table: "import_jobs");
        }
    }
}
