using System.Net;
using System.Text;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.Loading;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Uploads and bodies built to crash the server or make it work for minutes get a clear 4xx at once.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string Counted = """
        id: counted
        params:
          count: { type: integer, default: 1 }
        nodes:
          only: { type: noop }
        """;

    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.OnFolderAsync();
        (await _server.PutDagAsync("counted", Counted)).Dispose();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_key_with_no_key_or_value_after_a_nested_mapping_is_a_400_naming_its_line()
    {
        var problem = await PutProblemAsync("a", "a:\n  b: 1\n:", HttpStatusCode.BadRequest);

        var error = problem.GetProperty("errors")[0];
        Assert.Contains("invalid YAML", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public async Task An_anchored_string_repeated_by_aliases_is_a_400_naming_the_size_limit_and_nothing_is_stored()
    {
        var text = new StringBuilder("id: bomb\nnodes: { n: { type: noop } }\nparams:\n  s: { type: string, default: &s \"")
            .Append('x', 200_000).Append("\" }\n  l: { type: array, default: [");
        text.AppendJoin(", ", Enumerable.Repeat("*s", 4_000)).Append("] }\n");

        var problem = await PutProblemAsync("bomb", text.ToString(), HttpStatusCode.BadRequest);

        Assert.Contains($"more than {DagLimits.MaxExpandedCharacters} characters (the limit)", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        using var get = await _server.SendAsync(HttpMethod.Get, "/api/dags/bomb");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/yaml")]
    public async Task Deep_nesting_and_unclosed_brackets_are_a_400_naming_the_depth_limit(string contentType)
    {
        foreach (var body in (string[])["{\"id\": " + new string('[', 200_000), "x: " + new string('[', 300_000)])
        {
            using var response = await _server.SendAsync(HttpMethod.Put, "/api/dags/deep", new StringContent(body, Encoding.UTF8, contentType));
            var problem = await ApiServer.ReadJsonAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"nested more than {DagLimits.MaxDepth} levels deep (the limit)", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Duplicate_keys_in_a_trigger_body_are_a_400_naming_the_key()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/api/dags/counted/runs", ApiServer.Json("""{"params":{"count":1,"count":"x"}}"""));
        var problem = await ApiServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_keys_in_a_rerun_body_are_a_400()
    {
        var runId = await _server.TriggerAsync("counted");
        await _server.WaitForRunAsync("counted", runId);

        using var response = await _server.SendAsync(HttpMethod.Post, $"/api/dags/counted/runs/{runId}/rerun", ApiServer.Json("""{"failedOnly":true,"failedOnly":false}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("failedOnly", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integer_param_past_64_bits_is_a_400_not_a_float()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "/api/dags/counted/runs", ApiServer.Json("""{"params":{"count":99999999999999999999999}}"""));
        var problem = await ApiServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("params.count", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Contains("outside the integer range", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var dag = Counted.Replace("default: 1", "default: 99999999999999999999999", StringComparison.Ordinal);
        var put = await PutProblemAsync("counted", dag, HttpStatusCode.BadRequest);
        Assert.Contains("outside the integer range", put.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(95)]
    public async Task A_deeply_nested_param_default_is_refused_at_upload_or_runs_and_shows_without_a_5xx(int levels)
    {
        var nested = new string('[', levels) + new string(']', levels);
        var yaml = $"id: nested\nparams:\n  p: {{ type: array, default: {nested} }}\nnodes:\n  only: {{ type: noop }}\n";

        using var put = await _server.PutDagAsync("nested", yaml);
        Assert.True((int)put.StatusCode is 200 or 201 or 400, $"PUT {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        if (put.StatusCode == HttpStatusCode.BadRequest)
        {
            return;
        }

        using var dag = await _server.SendAsync(HttpMethod.Get, "/api/dags/nested");
        Assert.Equal(HttpStatusCode.OK, dag.StatusCode);
        using var trigger = await _server.SendAsync(HttpMethod.Post, "/api/dags/nested/runs", ApiServer.Json("{}"));
        Assert.True((int)trigger.StatusCode is 202 or 400, $"trigger {(int)trigger.StatusCode}: {await trigger.Content.ReadAsStringAsync()}");
        if (trigger.StatusCode == HttpStatusCode.Accepted)
        {
            var runId = (await ApiServer.ReadJsonAsync(trigger)).GetProperty("runId").GetString()!;
            Assert.Equal("succeeded", (await _server.WaitForRunAsync("nested", runId)).GetProperty("state").GetString());
        }
    }

    [Theory]
    [InlineData("hello%0A", "hello\\n")]
    [InlineData("hello%00", "hello\\u0000")]
    public async Task A_dag_id_with_a_control_character_is_refused(string route, string fileId)
    {
        using var response = await _server.PutDagAsync(route, $"id: \"{fileId}\"\nnodes: {{ n: {{ type: noop }} }}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = await _server.GetJsonAsync("/api/dags");
        Assert.DoesNotContain(list.GetProperty("dags").EnumerateArray(), d => d.GetProperty("id").GetString()!.StartsWith("hello", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_errors_of_an_upload_are_listed_up_to_the_limit_then_counted()
    {
        var yaml = "id: many\nnodes:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"  n{i}: {{ type: noop, needs: [gone{i}] }}\n"));

        var problem = await PutProblemAsync("many", yaml, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(DagLimits.MaxErrors + 1, errors.GetArrayLength());
        Assert.Equal($"and 4900 more errors (only the first {DagLimits.MaxErrors} are listed)", errors[DagLimits.MaxErrors].GetProperty("message").GetString());
        Assert.Equal("5000 errors in many.yaml", problem.GetProperty("detail").GetString());
    }

    private async Task<JsonElement> PutProblemAsync(string dagId, string yaml, HttpStatusCode expected)
    {
        using var response = await _server.PutDagAsync(dagId, yaml);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"PUT {dagId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
