using System.Text.Json;

namespace DurableDags.Cli.Testing;

/// <summary>A request the fake endpoint received: who sent it (node instance, from its idempotency key), what, and when on the test's clock.</summary>
internal sealed record RecordedRequest(string? Node, string? Instance, string Method, string Url, string? Body, DateTimeOffset At)
{
    /// <summary>The body as JSON when it is JSON; null otherwise.</summary>
    public JsonElement? Json
    {
        get
        {
            if (string.IsNullOrEmpty(Body))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public override string ToString() => $"{Method} {Url}{(Instance is null ? "" : $" from node '{Instance}'")}";
}
