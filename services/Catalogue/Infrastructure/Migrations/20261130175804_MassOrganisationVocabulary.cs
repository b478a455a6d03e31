using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Catalogue.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MassOrganisationVocabulary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "vocabulary",
                columns: new[] { "Code", "Kind", "NameZh", "SortOrder" },
                values: new object[,]
                {
                    { "Employed", "employment-status", "在业", 63 },
                    { "Farming", "employment-status", "务农", 65 },
                    { "FlexiblyEmployed", "employment-status", "灵活就业", 64 },
                    { "Retired", "employment-status", "退休", 67 },
                    { "Student", "employment-status", "在校学生", 68 },
                    { "UnableToWork", "employment-status", "丧失劳动能力", 69 },
                    { "Unemployed", "employment-status", "失业", 66 },
                    { "Female", "sex", "女性", 61 },
                    { "Male", "sex", "男性", 62 }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Employed", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Farming", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "FlexiblyEmployed", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Retired", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Student", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "UnableToWork", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Unemployed", "employment-status" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Female", "sex" });

            migrationBuilder.DeleteData(
                table: "vocabulary",
                keyColumns: new[] { "Code", "Kind" },
                keyValues: new object[] { "Male", "sex" });
        }
    }
}
