using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UncompressedImportChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Uploaded files are stored as they came: compressing them costs seconds of CPU per upload and saves little.
            migrationBuilder.Sql("ALTER TABLE import_file_chunks ALTER COLUMN \"Data\" SET STORAGE EXTERNAL");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE import_file_chunks ALTER COLUMN \"Data\" SET STORAGE EXTENDED");

        }
    }
}
