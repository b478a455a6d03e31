using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Provider.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Workforce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TrainingCertificateId",
                table: "qualifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    HeldUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    CertificateType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CertificateValidMonths = table.Column<int>(type: "integer", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_courses_qualification_types_CertificateType",
                        column: x => x.CertificateType,
                        principalTable: "qualification_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workforce_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedName = table.Column<string>(type: "text", nullable: false),
                    NameMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    AccountId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TownshipCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workforce_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workforce_members_providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "course_attendances",
                columns: table => new
                {
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_course_attendances", x => new { x.CourseId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_course_attendances_training_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "training_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_course_attendances_workforce_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "workforce_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedNumber = table.Column<string>(type: "text", nullable: false),
                    NumberMasked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    QualificationId = table.Column<Guid>(type: "uuid", nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_certificates_qualification_types_Type",
                        column: x => x.Type,
                        principalTable: "qualification_types",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_certificates_workforce_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "workforce_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_qualifications_TrainingCertificateId",
                table: "qualifications",
                column: "TrainingCertificateId",
                unique: true,
                filter: "\"TrainingCertificateId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_course_attendances_MemberId",
                table: "course_attendances",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_CourseId",
                table: "training_certificates",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_MemberId_CourseId",
                table: "training_certificates",
                columns: new[] { "MemberId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_Type",
                table: "training_certificates",
                column: "Type");

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_CertificateType",
                table: "training_courses",
                column: "CertificateType");

            migrationBuilder.CreateIndex(
                name: "IX_workforce_members_ProviderId",
                table: "workforce_members",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_workforce_members_Role",
                table: "workforce_members",
                column: "Role");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "course_attendances");

            migrationBuilder.DropTable(
                name: "training_certificates");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropTable(
                name: "workforce_members");

            migrationBuilder.DropIndex(
                name: "IX_qualifications_TrainingCertificateId",
                table: "qualifications");

            migrationBuilder.DropColumn(
                name: "TrainingCertificateId",
                table: "qualifications");
        }
    }
}
