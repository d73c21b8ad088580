using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;
using DurableDags.Core.Secrets;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Activities;

/// <summary>
/// The secrets expressions read as <c>secrets.NAME</c>, from the configuration section
/// <c>DurableDags:Secrets</c>. They are never written anywhere: the store and attempt logs mask
/// their values (<see cref="Redactor"/>).
/// On Azure each value is an App Service Key Vault reference. One the platform could not resolve
/// (no such secret, no access yet) reaches the app as its own text, <c>@Microsoft.KeyVault(...)</c>:
/// such a secret is held back, and a node that reads it fails naming it (<see cref="EnsureResolved"/>).
/// </summary>
public sealed class EngineSecrets
{
    public const string Section = "DurableDags:Secrets";

    /// <summary>How an App Service Key Vault reference starts; the platform matches it case-insensitively.</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _unresolved;

    /// <param name="configuration">Null where the host has none: then there are no secrets.</param>
    public EngineSecrets(IConfiguration? configuration)
    {
        var settings = (configuration?.GetSection(Section).GetChildren() ?? [])
            .Where(c => c.Value is not null)
            .ToLookup(c => IsKeyVaultReference(c.Value!));
        _values = settings[false].ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
        _unresolved = settings[true].Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        Redactor = new SecretRedactor(_values.Values);
    }

    public IEnumerable<string> Values => _values.Values;

    public SecretRedactor Redactor { get; }

    /// <summary>Fails with the first of <paramref name="names"/> whose Key Vault reference did not resolve.</summary>
    /// <exception cref="ExpressionException">One of the names is an unresolved Key Vault reference.</exception>
    public void EnsureResolved(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.FirstOrDefault(_unresolved.Contains) is { } name)
        {
            throw new ExpressionException(
                $"secret '{name}' is a Key Vault reference that did not resolve: the setting {Section.Replace(":", "__", StringComparison.Ordinal)}__{name} " +
                "still holds its @Microsoft.KeyVault(...) text. Check that the secret exists in the vault and that the app's identity holds " +
                "Key Vault Secrets User, then restart the app");
        }
    }

    private static bool IsKeyVaultReference(string value) =>
        value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase);

    public bool IsSet(string name) => _values.ContainsKey(name);

    /// <summary>
    /// Defines <c>secrets</c> in a scope. Reading <c>secrets.NAME</c> for a secret that is not set
    /// fails the evaluation, naming the setting to set: sent as an empty string it would go out
    /// as <c>Bearer </c> and look like success.
    /// </summary>
    public ExpressionScope AddTo(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.SetLazy(
            "secrets",
            name => _values.TryGetValue(name, out var value) ? JsonValue.Create(value) : throw NotSet(name),
            ToJson);
    }

    /// <summary>One line per node and secret it reads that is not set on this host, in node order.</summary>
    public IReadOnlyList<string> UnsetSecretWarnings(DagDefinition dag) =>
        [.. UnsetSecrets(dag).Select(u =>
            $"node '{u.NodeId}' reads secrets.{u.Name}, which is not set on this host: it fails until DurableDags__Secrets__{u.Name} is set")];

    /// <summary>Each node and secret it reads (<c>secrets.NAME</c> in its settings) that is not set on this host, in node order.</summary>
    public IEnumerable<(string NodeId, string Name)> UnsetSecrets(DagDefinition dag)
    {
        ArgumentNullException.ThrowIfNull(dag);
        return dag.Nodes.SelectMany(node => JsonTemplate.Strings(node.With)
            .Select(s => ExpressionTemplate.TryParse(s.Text, out var template, out _) ? template.References : [])
            .SelectMany(references => references)
            .Where(r => r.Root == "secrets" && r.Member is not null && !IsSet(r.Member))
            .Select(r => r.Member!)
            .Distinct(StringComparer.Ordinal)
            .Select(name => (node.Id, name)));
    }

    /// <summary>The error for a secret that is not set, naming the setting in both spellings.</summary>
    public static ExpressionException NotSet(string name) =>
        new($"secrets.{name} is not set: set DurableDags__Secrets__{name} (configuration key {Section}:{name}) on the host");

    /// <summary>A fresh object each time: evaluation may attach values to other JSON trees.</summary>
    public JsonObject ToJson() => new(_values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
