using System.Text;
using System.Text.Json;
using DurableDags.Core.Secrets;
using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Runs;

namespace DurableDags.Storage.Tests.Checkpoints;

/// <summary>
/// The base of every checkpoint contract suite: a <see cref="CheckpointStore"/> on a fresh object
/// store from <see cref="IStoreHost"/>, knowing two secrets, and ways to look at the raw bytes.
/// </summary>
public abstract class CheckpointStoreContract(IStoreHost host) : IAsyncLifetime
{
    /// <summary>'+' is escaped as \u002B by the default JSON encoder: the redactor must still catch it.</summary>
    protected const string Token = "tok+en/s3cr3t";

    protected const string Password = "hunter2-password";

    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

    private IObjectStore? _objects;

    protected IObjectStore Objects => _objects ?? throw new InvalidOperationException("Made in InitializeAsync.");

    protected CheckpointStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _objects = await host.CreateAsync();
        Store = new CheckpointStore(_objects, new CheckpointStoreOptions { Redactor = new SecretRedactor([Token, Password]) });
    }

    public Task DisposeAsync()
    {
        host.Dispose();
        return Task.CompletedTask;
    }

    protected static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    protected static RunRecord NewRun(string runId, DateTimeOffset createdAt, string dagId = "dag-a") => new()
    {
        RunId = runId,
        DagId = dagId,
        DagVersion = 1,
        DagHash = new string('a', 64),
        Trigger = new RunTrigger { Kind = TriggerKind.Http },
        CreatedAt = createdAt,
        Params = Json("""{"date":"2026-01-01"}"""),
    };

    protected async Task<List<string>> AllKeysAsync()
    {
        var keys = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Objects.ListAsync("", after);
            keys.AddRange(page.Keys);
            if ((after = page.NextStartAfter) is null)
            {
                return keys;
            }
        }
    }

    protected async Task<string> RawTextAsync(string key) =>
        Encoding.UTF8.GetString((await Objects.GetAsync(key) ?? throw new InvalidOperationException($"no {key}")).Content.Span);

    /// <summary>Reads every stored object and checks no secret is in it, raw or JSON-escaped.</summary>
    protected async Task AssertNoSecretStoredAsync()
    {
        var forms = new[] { Token, Password, JsonSerializer.Serialize(Token).Trim('"'), JsonSerializer.Serialize(Password).Trim('"') };
        foreach (var key in await AllKeysAsync())
        {
            var text = await RawTextAsync(key);
            foreach (var form in forms)
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"'{key}' holds a secret: {text}");
            }
        }
    }

    protected static RunRecord Finished(RunRecord run, RunState state) => run with { State = state, EndedAt = run.CreatedAt.AddMinutes(1) };
}
