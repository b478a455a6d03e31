using System.Globalization;
using System.Text;

namespace ReliefPlatform.Funding.Domain.Donations;

/// <summary>An amount in yuan written in capital numerals (人民币大写), as receipts and vouchers require: 1,234.50 → 壹仟贰佰叁拾肆元伍角.</summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Units = ["", "拾", "佰", "仟"];
    private static readonly string[] Sections = ["", "万", "亿", "万亿"];

    public static string ToCapital(decimal amount)
    {
        if (amount < 0 || amount >= 10_000_000_000_000_000m || decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "An amount of yuan to the fen, not negative.");
        }

        var fen = (long)(amount * 100);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var fenDigit = (int)(fen % 10);
        var text = new StringBuilder();
        if (yuan > 0)
        {
            text.Append(Integer(yuan)).Append('元');
        }

        if (jiao == 0 && fenDigit == 0)
        {
            return (yuan == 0 ? "零元" : text.ToString()) + "整";
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            text.Append('零');
        }

        if (fenDigit > 0)
        {
            text.Append(Digits[fenDigit]).Append('分');
        }

        return text.ToString();
    }

    private static string Integer(long value)
    {
        var sections = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            sections.Add((int)(v % 10_000));
        }

        var text = new StringBuilder();
        var pendingZero = false;
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            var section = sections[i];
            if (section == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }

            if (text.Length > 0 && (pendingZero || section < 1000))
            {
                text.Append('零');
            }

            text.Append(Section(section)).Append(Sections[i]);
            pendingZero = false;
        }

        return text.ToString();
    }

    private static string Section(int value)
    {
        var digits = value.ToString("D4", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        var zero = false;
        var started = false;
        for (var i = 0; i < 4; i++)
        {
            var d = digits[i] - '0';
            if (d == 0)
            {
                zero = started;
                continue;
            }

            if (zero)
            {
                text.Append('零');
                zero = false;
            }

            text.Append(Digits[d]).Append(Units[3 - i]);
            started = true;
        }

        return text.ToString();
    }
}
