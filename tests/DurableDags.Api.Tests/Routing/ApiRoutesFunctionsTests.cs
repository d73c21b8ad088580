using System.Text.Json;
using DurableDags.Api.Routing;
using DurableDags.Api.Tests.Fixtures;

namespace DurableDags.Api.Tests.Routing;

/// <summary>The Functions app serves exactly the route table, as <c>dags serve</c> does.</summary>
public class ApiRoutesFunctionsTests
{
    private static readonly List<DeclaredFunction> Http = [.. FunctionsAppSource.Functions.Where(f => f.Trigger == "HttpTrigger")];

    public static TheoryData<string> RouteNames => [.. ApiRoutes.All.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Every_route_has_one_http_function_with_its_name_method_and_template_that_dispatches_it(string name)
    {
        var route = ApiRoutes.All.Single(r => r.Name == name);

        var function = Assert.Single(Http, f => f.Name == name);

        Assert.Equal(
            (route.Template, route.Method.ToLowerInvariant(), "AuthorizationLevel.Function", route.Name, true),
            (function.Route, string.Join(", ", function.Strings), function.AuthorizationLevel, function.DispatchedRoute, function.BindsDurableClient));
    }

    [Fact]
    public void No_other_http_function_serves_a_route_under_api()
    {
        var names = ApiRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Http, f => !names.Contains(f.Name) && (f.Route ?? "").StartsWith("api/", StringComparison.Ordinal));
        Assert.Equal(ApiRoutes.All.Count, Http.Count(f => names.Contains(f.Name)));
    }

    [Fact]
    public void Host_json_leaves_the_route_prefix_empty_because_the_templates_carry_api()
    {
        using var host = JsonDocument.Parse(FunctionsAppSource.ReadFile("host.json"));

        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.All(ApiRoutes.All, r => Assert.StartsWith("api/", r.Template, StringComparison.Ordinal));
    }
}
