using System.Globalization;
using System.Text.RegularExpressions;

namespace DurableDags.Core.Loading.Tree;

/// <summary>
/// Decides what a plain (unquoted) scalar is, by the YAML 1.2 core schema. Under it <c>yes</c>,
/// <c>on</c> and <c>no</c> are strings, not booleans (the "Norway problem" of YAML 1.1), and a value
/// like <c>2026-01-01</c> stays a string for the field that reads it to parse.
/// </summary>
internal static partial class ScalarResolver
{
    public static ScalarKind Resolve(string plain) => plain switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,

        // Most scalars are ids and words: only these first characters can start a number.
        [not ('+' or '-' or '.' or (>= '0' and <= '9')), ..] => ScalarKind.String,
        _ when IntegerPattern().IsMatch(plain) => ScalarKind.Integer,
        _ when FloatPattern().IsMatch(plain) => ScalarKind.Float,
        _ => ScalarKind.String,
    };

    /// <summary>The kind a core-schema tag asks for; null for tags this loader does not support.</summary>
    public static ScalarKind? FromTag(string tag) => tag switch
    {
        "!" or "tag:yaml.org,2002:str" => ScalarKind.String,
        "tag:yaml.org,2002:null" => ScalarKind.Null,
        "tag:yaml.org,2002:bool" => ScalarKind.Boolean,
        "tag:yaml.org,2002:int" => ScalarKind.Integer,
        "tag:yaml.org,2002:float" => ScalarKind.Float,
        _ => null,
    };

    public static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (var c in text.AsSpan(2))
            {
                if (c is < '0' or > '7' || value > long.MaxValue / 8)
                {
                    return false;
                }

                value = (value * 8) + (c - '0');
            }

            return text.Length > 2;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseFloat(string text, out double value)
    {
        switch (text.TrimStart('+', '-').ToLowerInvariant())
        {
            case ".inf":
                value = text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case ".nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    public static bool Matches(string text, ScalarKind kind) => kind switch
    {
        ScalarKind.String => true,
        ScalarKind.Float => FloatPattern().IsMatch(text) || IntegerPattern().IsMatch(text),
        _ => Resolve(text) == kind,
    };

    [GeneratedRegex("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
