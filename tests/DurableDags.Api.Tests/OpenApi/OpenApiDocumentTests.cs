using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Api.OpenApi;
using DurableDags.Api.Routing;
using DurableDags.Api.Security;
using DurableDags.Api.Tests.Fixtures;

namespace DurableDags.Api.Tests.OpenApi;

public class OpenApiDocumentTests
{
    private static readonly JsonNode Document = OpenApiDocument.Parse();

    [Fact]
    public void Every_route_of_the_table_is_in_the_document_with_its_method_and_role()
    {
        var paths = Document["paths"]!.AsObject();
        foreach (var route in ApiRoutes.All)
        {
            var path = "/" + route.Template;
            Assert.True(paths.ContainsKey(path), $"{route} is missing from openapi.json");
            var operation = paths[path]![route.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{route}: openapi.json has {path} but not its {route.Method}");
            var role = (string?)operation["x-required-role"];
            Assert.Equal(route.Role == ApiRoles.None ? null : ApiRoleNames.Of(route.Role), role);
        }
    }

    [Fact]
    public void Every_operation_of_the_document_is_a_route_of_the_table()
    {
        var routes = ApiRoutes.All.Select(r => $"{r.Method} /{r.Template}").ToHashSet(StringComparer.Ordinal);
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                Assert.Contains($"{method.ToUpperInvariant()} {path}", routes);
            }
        }
    }

    [Fact]
    public void Every_path_parameter_of_a_route_is_declared()
    {
        foreach (var route in ApiRoutes.All)
        {
            var operation = Document["paths"]!["/" + route.Template]![route.Method.ToLowerInvariant()]!;
            var declared = (operation["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == "path").Select(p => (string?)p!["name"]);
            Assert.Equal(route.Parameters, declared);
        }
    }

    [Fact]
    public void Every_schema_reference_resolves()
    {
        var text = Document.ToJsonString();
        var schemas = Document["components"]!["schemas"]!.AsObject();
        foreach (var reference in System.Text.RegularExpressions.Regex.Matches(text, "#/components/schemas/([A-Za-z]+)").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True(schemas.ContainsKey(reference), $"#/components/schemas/{reference} is not defined");
        }
    }

    [Fact]
    public async Task The_document_is_served_as_json_without_a_key()
    {
        await using var server = await ApiServer.OnFolderAsync();

        using var response = await server.SendAsync(HttpMethod.Get, "/api/openapi.json", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3.1.0", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("openapi").GetString());
    }
}
