namespace ReliefPlatform.Portal;

/// <summary>The portal's texts: <c>Resources/Strings.resx</c> (Chinese, the default) and <c>Strings.en.resx</c>.</summary>
public sealed class Strings;
