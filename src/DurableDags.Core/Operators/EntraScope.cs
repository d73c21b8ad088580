namespace DurableDags.Core.Operators;

/// <summary>
/// The form of an <c>auth.scope</c>. An app's own identity (managed or workload) gets tokens for
/// a whole resource only, so the scope is the resource's URI or app id followed by
/// <c>/.default</c>: <c>https://management.azure.com/.default</c>, <c>api://{app-id}/.default</c>,
/// <c>{app-id}/.default</c>.
/// </summary>
public static class EntraScope
{
    public const string Suffix = "/.default";

    /// <summary>True for a valid scope, and for text holding an expression (checked when the node runs).</summary>
    public static bool IsValid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("${{", StringComparison.Ordinal))
        {
            return true;
        }

        if (!text.EndsWith(Suffix, StringComparison.Ordinal) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var resource = text[..^Suffix.Length];
        return Guid.TryParseExact(resource, "D", out _)
            || (Uri.TryCreate(resource, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == "api")
                && uri.Authority.Length > 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0);
    }
}
