using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;
using ReliefPlatform.Provider.Domain.Workforce;

namespace ReliefPlatform.Provider.Infrastructure.EntityConfigurations;

public sealed class WorkforceMemberConfiguration : IEntityTypeConfiguration<WorkforceMember>
{
    public void Configure(EntityTypeBuilder<WorkforceMember> builder)
    {
        builder.ToTable("workforce_members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).HasMaxLength(40);
        builder.Property(m => m.NameMasked).HasMaxLength(40);
        builder.Property(m => m.AccountId).HasMaxLength(100);
        builder.Property(m => m.TownshipCode).HasMaxLength(12);
        builder.Property(m => m.RegisteredBy).HasMaxLength(100);
        builder.HasIndex(m => m.ProviderId);
        builder.HasIndex(m => m.Role);
        builder.HasOne<NetworkProvider>().WithMany().HasForeignKey(m => m.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.ToTable("training_courses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Hours).HasPrecision(6, 1);
        builder.Property(c => c.CertificateType).HasMaxLength(40);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasOne<QualificationType>().WithMany().HasForeignKey(c => c.CertificateType).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Attendances).WithOne().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Attendances).HasField("_attendances");
    }
}

public sealed class CourseAttendanceConfiguration : IEntityTypeConfiguration<CourseAttendance>
{
    public void Configure(EntityTypeBuilder<CourseAttendance> builder)
    {
        builder.ToTable("course_attendances");
        // One attendance per person and course, however often it is sent.
        builder.HasKey(a => new { a.CourseId, a.MemberId });
        builder.Property(a => a.Hours).HasPrecision(6, 1);
        builder.Property(a => a.RecordedBy).HasMaxLength(100);
        builder.HasIndex(a => a.MemberId);
        builder.HasOne<WorkforceMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TrainingCertificateConfiguration : IEntityTypeConfiguration<TrainingCertificate>
{
    public void Configure(EntityTypeBuilder<TrainingCertificate> builder)
    {
        builder.ToTable("training_certificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Type).HasMaxLength(40);
        builder.Property(c => c.NumberMasked).HasMaxLength(40);
        builder.HasIndex(c => new { c.MemberId, c.CourseId }).IsUnique();
        builder.HasIndex(c => c.CourseId);
        builder.HasOne<WorkforceMember>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<QualificationType>().WithMany().HasForeignKey(c => c.Type).OnDelete(DeleteBehavior.Restrict);
    }
}
