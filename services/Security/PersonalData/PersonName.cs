using System.Globalization;
using System.Text;

namespace ReliefPlatform.Security.PersonalData;

/// <summary>Rules for a resident's name as staff type it: checked, trimmed, and masked for display.</summary>
public static class PersonName
{
    public const int MaxLength = 30;

    /// <summary>
    /// The 间隔号 between the parts of a name (阿依古丽·买买提) as keyboards and other systems write it: the middle dot
    /// U+00B7, the katakana middle dot U+30FB and its half-width form U+FF65, the hyphenation point U+2027 and the
    /// bullet U+2022.
    /// </summary>
    private static readonly string Separators = "\u00B7\u30FB\uFF65\u2027\u2022";

    /// <summary>A readable zh-CN reason the name is refused, or null when it is acceptable. Never repeats the name.</summary>
    /// <remarks>
    /// Letters of any script (CJK, including characters beyond the basic plane, written as surrogate pairs) with their
    /// combining marks, parts separated by one 间隔号 or one space. Everything else is refused: digits, punctuation,
    /// symbols and emoji, and the invisible characters that make a name read differently from what is stored —
    /// direction overrides (U+202E), zero-width spaces and joiners (U+200B, U+200D), variation selectors.
    /// </remarks>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "请填写姓名。";
        }

        var trimmed = name.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"姓名不能超过{MaxLength}个字。";
        }

        return IsWellFormed(trimmed) ? null : "姓名只能包含文字、字母和间隔号（·）。";
    }

    /// <summary>First character kept, the rest hidden, one star per character: 张三 → 张*, 欧阳小明 → 欧***, 𠀋三 → 𠀋*.</summary>
    public static string Mask(string name)
    {
        var runes = name.Trim().EnumerateRunes().ToList();
        return runes.Count <= 1 ? "*" : string.Concat(runes[0].ToString(), new string('*', runes.Count - 1));
    }

    private static bool IsWellFormed(string name)
    {
        var previous = Kind.Separator;
        var index = 0;
        while (index < name.Length)
        {
            // An unpaired surrogate is no character at all.
            if (Rune.DecodeFromUtf16(name.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            index += used;
            var kind = KindOf(rune);
            var allowed = kind switch
            {
                Kind.Letter => true,
                Kind.Mark => previous is Kind.Letter or Kind.Mark,
                Kind.Separator => previous is Kind.Letter or Kind.Mark,
                _ => false,
            };
            if (!allowed)
            {
                return false;
            }

            previous = kind;
        }

        return previous is Kind.Letter or Kind.Mark;
    }

    private enum Kind
    {
        Letter,
        Mark,
        Separator,
        Other,
    }

    private static Kind KindOf(Rune rune)
    {
        if (rune.Value == ' ' || (rune.IsBmp && Separators.Contains((char)rune.Value, StringComparison.Ordinal)))
        {
            return Kind.Separator;
        }

        // Variation selectors and the grapheme joiner are marks by category, but only change how a glyph looks (emoji).
        if (rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F)
        {
            return Kind.Other;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Letter,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => Kind.Mark,
            _ => Kind.Other,
        };
    }
}
