using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DurableDags.Cli.Remote;

/// <summary>
/// The HTTP API of a DurableDags server, for the client commands: the server from <c>--server</c>
/// or <c>DURABLEDAGS_SERVER</c>, the API key from <c>DURABLEDAGS_API_KEY</c>. A non-2xx answer
/// becomes a <see cref="ServerProblem"/> with one readable line.
/// </summary>
internal sealed class ServerClient : IDisposable
{
    public const string ServerVariable = "DURABLEDAGS_SERVER";
    public const string ApiKeyVariable = "DURABLEDAGS_API_KEY";

    private readonly HttpClient _http;

    private ServerClient(HttpClient http) => _http = http;

    /// <returns>The client, or the usage error to print.</returns>
    public static (ServerClient? Client, string? Error) Create(string? server)
    {
        server ??= Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return (null, $"no server: give --server URL or set {ServerVariable}");
        }

        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            return (null, $"--server '{server}' is not an http:// or https:// URL");
        }

        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return (new ServerClient(http), null);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<(JsonElement Body, int Status)> PutTextAsync(string path, string text, string mediaType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(text, Encoding.UTF8, mediaType);
        using var response = await _http.PutAsync(path.TrimStart('/'), content, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(response, cancellationToken).ConfigureAwait(false), (int)response.StatusCode);
    }

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path.TrimStart('/'), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status line says enough.
        }

        if (!response.IsSuccessStatusCode)
        {
            throw ServerProblem.From(response, body);
        }

        return body ?? default;
    }
}
