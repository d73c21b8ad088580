using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Tests.Operators;

public class SettingsValidatorTests
{
    private static string[] Check(string type, string withJson)
    {
        var node = new NodeDefinition { Id = "n", Type = type, With = JsonDocument.Parse(withJson).RootElement.Clone() };
        return [.. SettingsValidator.Validate(OperatorCatalog.BuiltIn.Find(type)!, node).Select(i => $"{i.Pointer}: {i.Message}")];
    }

    [Theory]
    [InlineData("http", """{ "url": "https://a.example", "method": "POST", "headers": { "X-N": 1 }, "expectStatus": [200, 202], "timeout": "30s", "body": [1] }""")]
    [InlineData("http", """{ "url": "${{ params.url }}", "expectStatus": "${{ params.codes }}", "timeout": "${{ params.t }}" }""")]
    [InlineData("http-job", """{ "submit": { "url": "https://a.example" }, "poll": { "url": "https://a.example/s" }, "successWhen": "${{ poll.body.done }}" }""")]
    [InlineData("sensor", """{ "blob": { "container": "in", "prefix": "2026/" }, "mode": "poke", "softFail": true, "pollInterval": "5m" }""")]
    [InlineData("wait", """{ "until": "2026-01-01T06:00:00+01:00" }""")]
    [InlineData("wait", """{ "duration": "1h30m" }""")]
    [InlineData("approval", """{ "event": "approve", "approvers": ["ana@example.com"], "timeout": "1d", "message": "Deploy?" }""")]
    [InlineData("dag", """{ "dagId": "child-report", "params": { "a": 1 }, "wait": false }""")]
    [InlineData("notify", """{ "channel": "teams", "text": "done", "title": "Report" }""")]
    [InlineData("noop", "{}")]
    public void Settings_of_the_right_shape_pass(string type, string with)
    {
        Assert.Empty(Check(type, with));
    }

    [Fact]
    public void Each_wrong_value_is_reported_at_its_pointer()
    {
        Assert.Equal(
        [
            "/url: 'with.url' of node 'n' must be an absolute http or https URL, got the string 'ftp://a'",
            "/headers/X: 'X' in 'with.headers' of node 'n' must be a string, got a list",
            "/expectStatus/1: 'with.expectStatus' of node 'n' must list only HTTP status codes (100 to 599), got the number 999",
            "/timeout: 'with.timeout' of node 'n' must be a duration such as 500ms, 30s, 10m, 2h, 1d or 1h30m, got the string '30'",
        ], Check("http", """{ "url": "ftp://a", "headers": { "X": [1] }, "expectStatus": [200, 999], "timeout": "30" }"""));
    }

    [Theory]
    [InlineData("https://management.azure.com/.default")]
    [InlineData("api://4a1d7f0e-2b3c-4d5e-8f90-123456789abc/.default")]
    [InlineData("4a1d7f0e-2b3c-4d5e-8f90-123456789abc/.default")]
    [InlineData("https://storage.azure.com/.default")]
    [InlineData("${{ params.scope }}")]
    public void An_entra_scope_of_a_resource_passes_on_every_request(string scope)
    {
        var auth = $$"""{ "type": "entra", "scope": "{{scope}}" }""";
        Assert.Empty(Check("http", $$"""{ "url": "https://a.example", "auth": {{auth}} }"""));
        Assert.Empty(Check("sensor", $$"""{ "http": { "url": "https://a.example", "auth": {{auth}} } }"""));
        Assert.Empty(Check("http-job", $$$"""{ "submit": { "url": "https://a.example", "auth": {{{auth}}} }, "poll": { "url": "https://a.example/s", "auth": {{{auth}}} }, "successWhen": "${{ poll.body.done }}" }"""));
    }

    [Theory]
    [InlineData("https://management.azure.com")]
    [InlineData("https://management.azure.com/user_impersonation")]
    [InlineData("http://management.azure.com/.default")]
    [InlineData("management.azure.com/.default")]
    [InlineData("https://a.example/.default?x=1")]
    [InlineData("https://management.azure.com/.default https://graph.microsoft.com/.default")]
    public void An_entra_scope_that_is_not_a_resource_default_scope_is_reported(string scope)
    {
        var issue = Assert.Single(Check("http", $$"""{ "url": "https://a.example", "auth": { "type": "entra", "scope": "{{scope}}" } }"""));

        Assert.StartsWith("/auth/scope: 'with.auth.scope' of node 'n' must be an Entra ID scope ending in /.default", issue, StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_needs_a_known_type_and_a_scope()
    {
        Assert.Equal(
        [
            "/auth/type: 'with.auth.type' of node 'n' cannot be 'basic'; use one of: entra",
            "/auth: 'with.auth' of node 'n' needs 'scope'",
        ], Check("http", """{ "url": "https://a.example", "auth": { "type": "basic" } }"""));
    }

    [Fact]
    public void Nested_settings_are_checked_with_their_own_rules()
    {
        Assert.Equal(
        [
            "/submit/metod: unknown setting 'metod' in 'with.submit' of node 'n'; did you mean 'method'?",
            "/submit: 'with.submit' of node 'n' needs 'url'",
            "/poll: 'with.poll' of node 'n' must be a mapping, got the string 'https://a.example'",
            ": 'with' of node 'n' (http-job) needs 'successWhen'",
        ], Check("http-job", """{ "submit": { "metod": "POST" }, "poll": "https://a.example" }"""));
    }

    [Fact]
    public void A_typed_setting_given_as_text_around_an_expression_is_not_that_type()
    {
        Assert.Equal(["/pollInterval: 'with.pollInterval' of node 'n' must be a duration such as 500ms, 30s, 10m, 2h, 1d or 1h30m, got the string '${{ params.m }}m'"],
            Check("sensor", """{ "http": { "url": "https://a.example" }, "pollInterval": "${{ params.m }}m" }"""));
    }

    [Fact]
    public void Dates_need_an_offset()
    {
        Assert.Equal(["/until: 'with.until' of node 'n' must be an ISO 8601 date-time with offset, such as 2026-01-01T06:00:00Z, got the string '2026-01-01T06:00:00'"],
            Check("wait", """{ "until": "2026-01-01T06:00:00" }"""));
    }

    [Fact]
    public void Lists_of_strings_reject_other_values()
    {
        Assert.Equal(
        [
            "/approvers/1: 'with.approvers' of node 'n' must list only strings, got a mapping",
        ], Check("approval", """{ "event": "go", "approvers": ["a", { "b": 1 }] }"""));
        Assert.Equal(["/approvers: 'with.approvers' of node 'n' must be a list of strings, got the string 'a'"],
            Check("approval", """{ "event": "go", "approvers": "a" }"""));
    }
}
