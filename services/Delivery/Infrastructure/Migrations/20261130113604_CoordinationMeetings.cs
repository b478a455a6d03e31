using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Delivery.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CoordinationMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Invited = table.Column<string[]>(type: "text[]", nullable: false),
                    Cases = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Attended = table.Column<string[]>(type: "text[]", nullable: false),
                    AttendanceRecorded = table.Column<bool>(type: "boolean", nullable: false),
                    ConvenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConvenedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "meeting_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FollowUps = table.Column<List<string>>(type: "text[]", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_actions_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_actions_MeetingId",
                table: "meeting_actions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_actions_Owner_DoneAt_DueOn",
                table: "meeting_actions",
                columns: new[] { "Owner", "DoneAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_HeldOn",
                table: "meetings",
                column: "HeldOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_actions");

            migrationBuilder.DropTable(
                name: "meetings");
        }
    }
}
