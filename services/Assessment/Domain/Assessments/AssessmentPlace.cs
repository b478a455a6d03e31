namespace ReliefPlatform.Assessment.Domain.Assessments;

public enum AssessmentPlace
{
    /// <summary>入户评估</summary>
    Home,

    /// <summary>在乡镇服务中心</summary>
    Centre,
}
