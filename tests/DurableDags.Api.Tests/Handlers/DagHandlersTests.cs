using System.Net;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>The DAG routes over HTTP, on each real store.</summary>
public abstract class DagHandlersTests : IAsyncLifetime
{
    public const string Hello = """
        id: hello
        description: Says hello
        schedule: "0 0 6 * * *"
        timezone: America/Bogota
        params:
          who: { type: string, default: world }
          loud: { type: boolean, default: false, description: Shout it }
        nodes:
          first:
            type: noop
          second:
            needs: [first]
            type: noop
        """;

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task A_new_definition_is_stored_as_version_1_then_the_same_content_is_unchanged_and_new_content_is_version_2()
    {
        using var first = await _server.PutDagAsync("hello", Hello);
        using var again = await _server.PutDagAsync("hello", Hello);
        using var changed = await _server.PutDagAsync("hello", Hello.Replace("Says hello", "Says hi", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/dags/hello", first.Headers.Location?.OriginalString);
        var created = await ApiServer.ReadJsonAsync(first);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.True(created.GetProperty("created").GetBoolean());
        Assert.StartsWith("sha256:", created.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await ApiServer.ReadJsonAsync(again)).GetProperty("created").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(2, (await ApiServer.ReadJsonAsync(changed)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_dag_shows_its_definition_params_nodes_and_versions_newest_first()
    {
        (await _server.PutDagAsync("hello", Hello)).Dispose();
        (await _server.PutDagAsync("hello", Hello + "\n# v2\n")).Dispose();

        var dag = await _server.GetJsonAsync("/api/dags/hello", ApiServer.ReaderKey);

        Assert.Equal(2, dag.GetProperty("version").GetInt32());
        Assert.Equal("America/Bogota", dag.GetProperty("timezone").GetString());
        Assert.EndsWith("# v2\n", dag.GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Equal([2, 1], dag.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var loud = dag.GetProperty("params").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "loud");
        Assert.Equal("boolean", loud.GetProperty("type").GetString());
        Assert.Equal("Shout it", loud.GetProperty("description").GetString());
        Assert.False(loud.GetProperty("required").GetBoolean());
        var second = dag.GetProperty("nodes")[1];
        Assert.Equal("second", second.GetProperty("id").GetString());
        Assert.Equal(["first"], second.GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("all_success", second.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task An_invalid_definition_gets_400_with_every_error_at_its_line_and_column_and_stores_nothing()
    {
        const string bad = """
            id: hello
            schedule: "0 0 25 * * *"
            nodes:
              first:
                type: teleport
              second:
                needs: [frist]
                type: noop
            """;

        using var response = await _server.PutDagAsync("hello", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiServer.ReadJsonAsync(response);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 3, problem.ToString());
        Assert.All(errors, e => Assert.True(e.GetProperty("line").GetInt32() > 0 && e.GetProperty("column").GetInt32() > 0, e.ToString()));
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 2);
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 5);
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 7 && e.GetProperty("message").GetString()!.Contains("first", StringComparison.Ordinal));
        using var get = await _server.SendAsync(HttpMethod.Get, "/api/dags/hello");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task The_id_in_the_body_must_match_the_route()
    {
        using var response = await _server.PutDagAsync("other", Hello);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await ApiServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Contains("the file's id is 'hello' but the route names 'other'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Putting_needs_the_admin_role()
    {
        using var response = await _server.PutDagAsync("hello", Hello, ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Dags.Admin", (await ApiServer.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_an_unaccepted_type_gets_415()
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new("image/png");

        using var response = await _server.SendAsync(HttpMethod.Put, "/api/dags/hello", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_dag_over_the_dag_limit_gets_413_and_stores_nothing()
    {
        using var response = await _server.PutDagAsync("hello", Hello + "\n#" + new string('x', 4 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await _server.GetJsonAsync("/api/dags")).GetProperty("dags").EnumerateArray());
    }

    [Fact]
    public async Task A_dag_over_the_general_body_limit_of_1_mib_is_accepted_since_dags_have_their_own_limit()
    {
        var large = Hello + "\n#" + new string('x', 1536 * 1024);

        using var response = await _server.PutDagAsync("hello", large);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await _server.GetJsonAsync("/api/dags/hello")).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Pause_and_unpause_change_the_list_and_the_next_run_time()
    {
        (await _server.PutDagAsync("hello", Hello)).Dispose();

        var asked = DateTimeOffset.UtcNow;
        var before = (await _server.GetJsonAsync("/api/dags")).GetProperty("dags")[0];
        using var pause = await _server.SendAsync(HttpMethod.Post, "/api/dags/hello/pause");
        var paused = (await _server.GetJsonAsync("/api/dags")).GetProperty("dags")[0];
        using var unpause = await _server.SendAsync(HttpMethod.Post, "/api/dags/hello/unpause");

        Assert.False(before.GetProperty("paused").GetBoolean());
        var next = before.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(11, next.UtcDateTime.Hour);
        // After the instant the server answered, not the later one of this check: at 11:00 UTC
        // the next run moves to the next day between the two.
        Assert.True(next > asked && next <= DateTimeOffset.UtcNow.AddDays(1), $"next run {next:O}, asked at {asked:O}");
        Assert.Equal("""{"id":"hello","paused":true}""", await pause.Content.ReadAsStringAsync());
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("nextRunAt").ValueKind);
        Assert.False((await ApiServer.ReadJsonAsync(unpause)).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_dag_gets_404_on_every_route()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/dags/nope"), (HttpMethod.Post, "/api/dags/nope/pause"), (HttpMethod.Get, "/api/dags/nope/runs"), (HttpMethod.Get, "/api/dags/nope/runs/r1") })
        {
            using var response = await _server.SendAsync(method, path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Health_answers_without_a_key()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "/api/health", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await ApiServer.ReadJsonAsync(response)).GetProperty("status").GetString());
    }
}

public sealed class DagHandlersOnFolderTests : DagHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class DagHandlersOnAzuriteTests(AzuriteFixture azurite) : DagHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
