using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ReliefPlatform.Provider.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ServiceNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assigned_orders",
                columns: table => new
                {
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assigned_orders", x => x.WorkOrderId);
                });

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
                name: "catalogue_items",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ClassCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProviderKinds = table.Column<string[]>(type: "text[]", nullable: false),
                    Townships = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_items", x => new { x.Version, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "pairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    PairerKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PairerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProtectedPairerName = table.Column<string>(type: "text", nullable: true),
                    PairerNameMasked = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VisitsPerMonth = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "provider_ratings",
                columns: table => new
                {
                    ProviderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_ratings", x => new { x.ProviderId, x.ItemCode });
                });

            migrationBuilder.CreateTable(
                name: "providers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedPersonName = table.Column<string>(type: "text", nullable: true),
                    CreditCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: true),
                    Affiliation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HomeTownship = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    ProtectedContactName = table.Column<string>(type: "text", nullable: false),
                    ProtectedContactPhone = table.Column<string>(type: "text", nullable: false),
                    ContactNameMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_providers_provider_kinds_Kind",
                        column: x => x.Kind,
                        principalTable: "provider_kinds",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "qualification_types",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qualification_types", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "volunteers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ProtectedName = table.Column<string>(type: "text", nullable: false),
                    NameMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedPhone = table.Column<string>(type: "text", nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Skills = table.Column<string[]>(type: "text[]", nullable: false),
                    AvailableDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    Balance = table.Column<decimal>(type: "numeric(10,1)", precision: 10, scale: 1, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_volunteers", x => x.Id);
                    table.CheckConstraint("ck_volunteers_balance_not_negative", "\"Balance\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "pairing_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pairing_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pairing_visits_pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "capabilities",
                columns: table => new
                {
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Townships = table.Column<string[]>(type: "text[]", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Per = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capabilities", x => new { x.ProviderId, x.ItemCode });
                    table.ForeignKey(
                        name: "FK_capabilities_providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "provider_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_provider_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_provider_status_changes_providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "item_requirements",
                columns: table => new
                {
                    ItemCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    QualificationType = table.Column<string>(type: "character varying(40)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_requirements", x => new { x.ItemCode, x.QualificationType });
                    table.ForeignKey(
                        name: "FK_item_requirements_qualification_types_QualificationType",
                        column: x => x.QualificationType,
                        principalTable: "qualification_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "qualifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedNumber = table.Column<string>(type: "text", nullable: false),
                    NumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qualifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_qualifications_providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_qualifications_qualification_types_Type",
                        column: x => x.Type,
                        principalTable: "qualification_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "time_bank_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(10,1)", precision: 10, scale: 1, nullable: false),
                    BalanceAfter = table.Column<decimal>(type: "numeric(10,1)", precision: 10, scale: 1, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_time_bank_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_time_bank_entries_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "qualification_types",
                columns: new[] { "Code", "NameZh" },
                values: new object[,]
                {
                    { "driving-licence", "机动车驾驶证" },
                    { "elderly-care-worker", "养老护理员职业技能等级证书" },
                    { "food-business-licence", "食品经营许可证" },
                    { "health-certificate", "健康证明（健康证）" },
                    { "legal-professional", "法律职业资格证书" },
                    { "nurse", "护士执业证书" },
                    { "psychological-counsellor", "心理咨询师证书" },
                    { "social-worker", "社会工作者职业资格证书（社工证）" }
                });

            migrationBuilder.InsertData(
                table: "item_requirements",
                columns: new[] { "ItemCode", "QualificationType" },
                values: new object[,]
                {
                    { "bathing-assistance", "elderly-care-worker" },
                    { "counselling", "social-worker" },
                    { "daily-care", "elderly-care-worker" },
                    { "legal-aid", "legal-professional" },
                    { "meal-assistance", "food-business-licence" },
                    { "meal-assistance", "health-certificate" },
                    { "rehabilitation-nursing", "nurse" },
                    { "respite-care", "elderly-care-worker" },
                    { "transport", "driving-licence" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_assigned_orders_ProviderId_ItemCode_Open",
                table: "assigned_orders",
                columns: new[] { "ProviderId", "ItemCode", "Open" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_id",
                table: "audit_entries",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_capabilities_ItemCode",
                table: "capabilities",
                column: "ItemCode");

            migrationBuilder.CreateIndex(
                name: "IX_item_requirements_QualificationType",
                table: "item_requirements",
                column: "QualificationType");

            migrationBuilder.CreateIndex(
                name: "IX_pairing_visits_PairingId",
                table: "pairing_visits",
                column: "PairingId");

            migrationBuilder.CreateIndex(
                name: "IX_pairings_HouseholdId_PairerKind",
                table: "pairings",
                columns: new[] { "HouseholdId", "PairerKind" });

            migrationBuilder.CreateIndex(
                name: "IX_pairings_TownshipCode",
                table: "pairings",
                column: "TownshipCode");

            migrationBuilder.CreateIndex(
                name: "IX_provider_status_changes_ProviderId",
                table: "provider_status_changes",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_providers_CreditCode",
                table: "providers",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_providers_Kind",
                table: "providers",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_providers_Status_Kind",
                table: "providers",
                columns: new[] { "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_qualifications_ProviderId_Type",
                table: "qualifications",
                columns: new[] { "ProviderId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_qualifications_Type",
                table: "qualifications",
                column: "Type");

            migrationBuilder.CreateIndex(
                name: "IX_qualifications_ValidUntil",
                table: "qualifications",
                column: "ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_time_bank_entries_VolunteerId_Reference",
                table: "time_bank_entries",
                columns: new[] { "VolunteerId", "Reference" },
                unique: true,
                filter: "\"Kind\" = 'Earned'");

            migrationBuilder.CreateIndex(
                name: "IX_volunteers_TownshipCode",
                table: "volunteers",
                column: "TownshipCode");
            // The audit log refuses UPDATE and DELETE.
            migrationBuilder.Sql(ReliefPlatform.Security.Audit.AuditModelBuilderExtensions.AppendOnlySql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assigned_orders");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "capabilities");

            migrationBuilder.DropTable(
                name: "catalogue_items");

            migrationBuilder.DropTable(
                name: "item_requirements");

            migrationBuilder.DropTable(
                name: "pairing_visits");

            migrationBuilder.DropTable(
                name: "provider_ratings");

            migrationBuilder.DropTable(
                name: "provider_status_changes");

            migrationBuilder.DropTable(
                name: "qualifications");

            migrationBuilder.DropTable(
                name: "time_bank_entries");

            migrationBuilder.DropTable(
                name: "pairings");

            migrationBuilder.DropTable(
                name: "providers");

            migrationBuilder.DropTable(
                name: "qualification_types");

            migrationBuilder.DropTable(
                name: "volunteers");
        }
    }
}
