using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// Which response statuses count as success: any 2xx unless the node says otherwise. Written as a
/// number (<c>201</c>), a class (<c>"2xx"</c>), a range (<c>"200-299"</c>) or a list of those.
/// </summary>
public sealed class ExpectedStatus
{
    private readonly ImmutableArray<(int From, int To)> _ranges;

    private ExpectedStatus(ImmutableArray<(int From, int To)> ranges, string text)
    {
        _ranges = ranges;
        Text = text;
    }

    public static ExpectedStatus AnySuccess { get; } = new([(200, 299)], "2xx");

    /// <summary>How the node wrote it, for error messages.</summary>
    public string Text { get; }

    public bool Matches(int status) => _ranges.Any(r => status >= r.From && status <= r.To);

    /// <summary>Reads an evaluated setting; null or absent means any 2xx.</summary>
    public static bool TryParse(JsonNode? value, out ExpectedStatus expected, out string error)
    {
        expected = AnySuccess;
        error = "";
        if (value is null)
        {
            return true;
        }

        JsonNode?[] items = value is JsonArray list ? [.. list] : [value];
        var ranges = ImmutableArray.CreateBuilder<(int, int)>(items.Length);
        foreach (var item in items)
        {
            if (!TryParseItem(item, out var range))
            {
                error = $"'{item?.ToJsonString() ?? "null"}' is not a status: write 201, \"2xx\", \"200-299\" or a list of those";
                return false;
            }

            ranges.Add(range);
        }

        if (ranges.Count == 0)
        {
            error = "the list of expected statuses is empty";
            return false;
        }

        expected = new ExpectedStatus(ranges.ToImmutable(), value.ToJsonString());
        return true;
    }

    private static bool TryParseItem(JsonNode? item, out (int From, int To) range)
    {
        range = default;
        if (item is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var code))
        {
            range = (code, code);
            return IsStatus(code);
        }

        if (item is not JsonValue s || !s.TryGetValue<string>(out var text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Length == 3 && text.EndsWith("xx", StringComparison.OrdinalIgnoreCase) && text[0] is >= '1' and <= '5')
        {
            var hundred = (text[0] - '0') * 100;
            range = (hundred, hundred + 99);
            return true;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && TryCode(text[..dash], out var from)
            && TryCode(text[(dash + 1)..], out var to)
            && from <= to)
        {
            range = (from, to);
            return true;
        }

        if (TryCode(text, out var single))
        {
            range = (single, single);
            return true;
        }

        return false;
    }

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out code) && IsStatus(code);

    private static bool IsStatus(int code) => code is >= 100 and <= 599;

    public override string ToString() => Text;
}
