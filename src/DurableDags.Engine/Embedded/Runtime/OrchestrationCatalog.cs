using System.Text.Json;
using System.Text.Json.Serialization;
using DurableDags.Orchestration.Context;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// The orchestrators and activities an embedded engine can run, by name. Inputs and results cross
/// the history as JSON, as they do on Durable Functions, so both hosts see the same values.
/// </summary>
public sealed class OrchestrationCatalog
{
    private readonly Dictionary<string, Func<IDagOrchestrationContext, JsonElement?, Task<JsonElement?>>> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<JsonElement?, CancellationToken, Task<JsonElement?>>> _activities = new(StringComparer.Ordinal);

    /// <summary>How inputs, results and events are written to history.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public OrchestrationCatalog AddOrchestrator<TInput, TResult>(string name, Func<IDagOrchestrationContext, TInput, Task<TResult>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        _orchestrators.Add(name, async (context, input) =>
            JsonSerializer.SerializeToElement(await orchestrator(context, Read<TInput>(input)), Json));
        return this;
    }

    public OrchestrationCatalog AddActivity<TInput, TResult>(string name, Func<TInput, CancellationToken, Task<TResult>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activities.Add(name, async (input, cancellationToken) =>
            JsonSerializer.SerializeToElement(await activity(Read<TInput>(input), cancellationToken).ConfigureAwait(false), Json));
        return this;
    }

    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    internal Func<IDagOrchestrationContext, JsonElement?, Task<JsonElement?>> GetOrchestrator(string name) =>
        _orchestrators.TryGetValue(name, out var orchestrator)
            ? orchestrator
            : throw new InvalidOperationException($"No orchestrator named '{name}' is registered with the embedded engine.");

    internal Func<JsonElement?, CancellationToken, Task<JsonElement?>> GetActivity(string name) =>
        _activities.TryGetValue(name, out var activity)
            ? activity
            : throw new InvalidOperationException($"No activity named '{name}' is registered with the embedded engine.");

    private static T Read<T>(JsonElement? input) => input is { } element ? element.Deserialize<T>(Json)! : default!;
}
