using System.Text.RegularExpressions;

namespace DurableDags.Core.Definitions;

/// <summary>
/// The forms ids take. DAG ids end up in blob paths and URLs, so they are lower-case; node ids are
/// read in expressions (<c>nodes.fetch_rates.output</c>), so they start like an identifier.
/// </summary>
public static partial class IdForm
{
    public const string DagIdRule = "1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit";

    public const string NodeIdRule = "1 to 63 characters of A-Z, a-z, 0-9, '_' and '-', starting with a letter or '_'";

    public static bool IsDagId(string id) => DagId().IsMatch(id);

    /// <summary>Node ids; param names follow the same rule, since expressions read both as names.</summary>
    public static bool IsNodeId(string id) => NodeId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DagId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeId();
}
