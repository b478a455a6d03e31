using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Catalogue.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    previous_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    BasedOn = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Editors = table.Column<string[]>(type: "text[]", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vocabulary",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vocabulary", x => new { x.Kind, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "catalogue_items",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClassCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Definition = table.Column<string>(type: "jsonb", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    RetiredReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_items", x => new { x.VersionId, x.Code });
                    table.ForeignKey(
                        name: "FK_catalogue_items_catalogue_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "catalogue_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_catalogue_items_service_classes_ClassCode",
                        column: x => x.ClassCode,
                        principalTable: "service_classes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "vocabulary",
                columns: new[] { "Code", "Kind", "NameZh", "SortOrder" },
                values: new object[,]
                {
                    { "DestituteSupport", "category", "特困供养", 2 },
                    { "MarginalLowIncome", "category", "低保边缘", 3 },
                    { "MinimumLivingGuarantee", "category", "低保", 1 },
                    { "OtherHardship", "category", "其他困难", 6 },
                    { "PovertyRelapseMonitoring", "category", "防返贫监测对象", 5 },
                    { "RigidExpenditureHardship", "category", "刚性支出困难", 4 },
                    { "General", "degree", "一般", 7 },
                    { "Serious", "degree", "较重", 8 },
                    { "Severe", "degree", "严重", 9 },
                    { "disability-care", "difficulty-type", "失能照护", 10 },
                    { "economic", "difficulty-type", "经济困难", 14 },
                    { "guardianship-gap", "difficulty-type", "监护缺失", 12 },
                    { "self-care", "difficulty-type", "生活自理困难", 11 },
                    { "social-integration", "difficulty-type", "心理与社会融入", 13 },
                    { "Hearing", "disability-type", "听力残疾", 30 },
                    { "Intellectual", "disability-type", "智力残疾", 33 },
                    { "Mental", "disability-type", "精神残疾", 34 },
                    { "Multiple", "disability-type", "多重残疾", 35 },
                    { "Physical", "disability-type", "肢体残疾", 32 },
                    { "Speech", "disability-type", "言语残疾", 31 },
                    { "Visual", "disability-type", "视力残疾", 29 },
                    { "charity-fund", "funding-source", "慈善基金", 52 },
                    { "donation", "funding-source", "社会捐赠", 51 },
                    { "fiscal-budget", "funding-source", "财政预算", 50 },
                    { "volunteer-service", "funding-source", "志愿服务", 53 },
                    { "bathing-assistance", "need", "助浴", 16 },
                    { "care", "need", "看护照料", 21 },
                    { "cleaning", "need", "助洁", 17 },
                    { "counselling", "need", "心理疏导", 24 },
                    { "home-adaptation", "need", "适老化改造", 27 },
                    { "legal-aid", "need", "法律援助", 25 },
                    { "meal-assistance", "need", "助餐", 15 },
                    { "mobility-assistance", "need", "助行", 18 },
                    { "rehabilitation", "need", "康复护理", 22 },
                    { "resource-linking", "need", "资源链接", 28 },
                    { "shopping", "need", "代购", 19 },
                    { "skills-training", "need", "技能培训", 26 },
                    { "transport", "need", "代步", 20 },
                    { "visiting", "need", "探访", 23 },
                    { "destitute-care-fee", "policy", "特困供养照料护理费", 38 },
                    { "disability-subsidies", "policy", "残疾人两项补贴", 37 },
                    { "long-term-care-insurance", "policy", "长期护理保险", 36 },
                    { "medical-assistance", "policy", "医疗救助", 40 },
                    { "old-age-allowance", "policy", "高龄津贴", 39 },
                    { "temporary-assistance", "policy", "临时救助", 41 },
                    { "charity", "provider-kind", "慈善组织", 46 },
                    { "department", "provider-kind", "政府部门", 42 },
                    { "elderly-care-organisation", "provider-kind", "养老服务机构", 45 },
                    { "individual-volunteer", "provider-kind", "个人志愿者", 48 },
                    { "mass-organisation", "provider-kind", "群团组织", 43 },
                    { "neighbour-helper", "provider-kind", "邻里互助", 49 },
                    { "social-work-organisation", "provider-kind", "社会工作服务机构", 44 },
                    { "volunteer-team", "provider-kind", "志愿服务队", 47 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_id",
                table: "audit_entries",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_items_ClassCode",
                table: "catalogue_items",
                column: "ClassCode");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_versions_EffectiveFrom",
                table: "catalogue_versions",
                column: "EffectiveFrom",
                unique: true,
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_catalogue_versions_Number",
                table: "catalogue_versions",
                column: "Number",
                unique: true);
            // The audit log refuses UPDATE and DELETE.
            migrationBuilder.Sql(ReliefPlatform.Security.Audit.AuditModelBuilderExtensions.AppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "catalogue_items");

            migrationBuilder.DropTable(
                name: "vocabulary");

            migrationBuilder.DropTable(
                name: "catalogue_versions");
        }
    }
}
