using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReliefPlatform.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeysBoundToCallerAndRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    key = table.Column<Guid>(type: "uuid", nullable: false),
                    caller = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    operation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answer = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");

            // Keys recorded before they were bound to their caller and request move here with no caller and no fingerprint:
            // they match no request, so a later use of one is refused (422 or the walls' own answer), never applied twice.
            migrationBuilder.Sql("""
                INSERT INTO idempotency_keys (key, caller, operation, fingerprint, status, created_at)
                SELECT message_id, '', substr(consumer, 9), '', 0, received_at FROM inbox_messages WHERE consumer LIKE 'request:%'
                ON CONFLICT DO NOTHING;
                DELETE FROM inbox_messages WHERE consumer LIKE 'request:%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO inbox_messages (consumer, message_id, received_at)
                SELECT 'request:' || operation, key, created_at FROM idempotency_keys
                ON CONFLICT DO NOTHING;
                """);

            migrationBuilder.DropTable(
                name: "idempotency_keys");
        }
    }
}
