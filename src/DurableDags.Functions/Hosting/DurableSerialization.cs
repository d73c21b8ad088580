using Azure.Core.Serialization;
using DurableDags.Engine.Embedded.Runtime;

namespace DurableDags.Functions.Hosting;

/// <summary>
/// How Durable inputs, results and events are written on Azure: as the embedded engine writes its
/// history (enums by name, web casing), so both hosts see the same values and a reordered enum
/// cannot change what a stored history means. One object, used by the app and by the tests that
/// run the app's orchestrator on the real Durable Task worker.
/// </summary>
public static class DurableSerialization
{
    public static ObjectSerializer Serializer { get; } = new JsonObjectSerializer(OrchestrationCatalog.Json);
}
