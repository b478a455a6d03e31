using Microsoft.EntityFrameworkCore;

namespace ReliefPlatform.Security.Audit;

public static class AuditModelBuilderExtensions
{
    /// <summary>The audit table, in the service's own model. Pair with <see cref="AppendOnlySql"/> in a migration.</summary>
    public static ModelBuilder AddAuditLog(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit_entries");
            audit.HasKey(e => e.Sequence);
            audit.Property(e => e.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            audit.Property(e => e.Id).HasColumnName("id");
            audit.Property(e => e.At).HasColumnName("at");
            audit.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(100);
            audit.Property(e => e.Action).HasColumnName("action").HasMaxLength(100);
            audit.Property(e => e.Subject).HasColumnName("subject").HasMaxLength(200);
            audit.Property(e => e.Details).HasColumnName("details").HasMaxLength(2000);
            audit.Property(e => e.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64).IsFixedLength();
            audit.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64).IsFixedLength();
            audit.HasIndex(e => e.Id).IsUnique();
        });
        return modelBuilder;
    }

    /// <summary>Makes the table refuse UPDATE and DELETE, for everyone who does not first disable the trigger.</summary>
    public const string AppendOnlySql = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_entries is append-only';
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
          FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
        """;
}
