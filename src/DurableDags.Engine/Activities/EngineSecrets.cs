using System.Text.Json.Nodes;
using DurableDags.Core.Secrets;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Activities;

/// <summary>
/// The secrets expressions read as <c>secrets.NAME</c>, from the configuration section
/// <c>DurableDags:Secrets</c>. They are never written anywhere: the store and attempt logs mask
/// their values (<see cref="Redactor"/>).
/// </summary>
public sealed class EngineSecrets
{
    public const string Section = "DurableDags:Secrets";

    private readonly Dictionary<string, string> _values;

    /// <param name="configuration">Null where the host has none: then there are no secrets.</param>
    public EngineSecrets(IConfiguration? configuration)
    {
        _values = (configuration?.GetSection(Section).GetChildren() ?? [])
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
        Redactor = new SecretRedactor(_values.Values);
    }

    public IEnumerable<string> Values => _values.Values;

    public SecretRedactor Redactor { get; }

    /// <summary>A fresh object each time: evaluation may attach values to other JSON trees.</summary>
    public JsonObject ToJson() => new(_values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
