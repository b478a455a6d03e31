namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>Disability types of the disability certificate (残疾人证), GB/T 26341.</summary>
public enum DisabilityType
{
    /// <summary>视力残疾</summary>
    Visual,

    /// <summary>听力残疾</summary>
    Hearing,

    /// <summary>言语残疾</summary>
    Speech,

    /// <summary>肢体残疾</summary>
    Physical,

    /// <summary>智力残疾</summary>
    Intellectual,

    /// <summary>精神残疾</summary>
    Mental,

    /// <summary>多重残疾</summary>
    Multiple,
}
