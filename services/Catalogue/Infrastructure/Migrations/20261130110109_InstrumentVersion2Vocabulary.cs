using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Catalogue.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InstrumentVersion2Vocabulary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "vocabulary",
                columns: new[] { "Code", "Kind", "NameZh", "SortOrder" },
                values: new object[,]
                {
                    { "education-difficulty", "difficulty-type", "教育困难", 54 },
                    { "employment-difficulty", "difficulty-type", "就业困难", 56 },
                    { "housing-difficulty", "difficulty-type", "居住困难", 55 },
                    { "education-support", "need", "助学帮扶", 57 },
                    { "employment-support", "need", "就业帮扶", 58 },
                    { "housing-renovation", "need", "危房改造", 59 },
                    { "medical-support", "need", "就医帮扶", 60 }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "education-difficulty", "difficulty-type" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "employment-difficulty", "difficulty-type" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "housing-difficulty", "difficulty-type" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "education-support", "need" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "employment-support", "need" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "housing-renovation", "need" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "medical-support", "need" });
        }
    }
}
