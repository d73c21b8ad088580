using System.Text;
using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Tests.Security;

public class EasyAuthRolesSourceTests
{
    [Fact]
    public void App_roles_are_read_from_roles_claims_and_from_the_role_uri()
    {
        var request = WithPrincipal("""
            { "auth_typ": "aad", "name_typ": "name", "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
              "claims": [ { "typ": "name", "val": "Ana" }, { "typ": "roles", "val": "Dags.Read" },
                          { "typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "val": "Dags.Trigger" } ] }
            """);

        var caller = new EasyAuthRolesSource(requirePrincipal: true).Identify(request);

        Assert.Equal(CallerKind.Known, caller.Kind);
        Assert.Equal("Ana", caller.Name);
        Assert.Equal(ApiRoles.Read | ApiRoles.Trigger, caller.Roles);
    }

    [Fact]
    public void A_principal_without_app_roles_holds_none()
    {
        var request = WithPrincipal("""{ "auth_typ": "aad", "claims": [ { "typ": "roles", "val": "Other.Role" } ] }""");

        var caller = new EasyAuthRolesSource(requirePrincipal: true).Identify(request);

        Assert.Equal(CallerKind.Known, caller.Kind);
        Assert.False(caller.Holds(ApiRoles.Read));
    }

    [Fact]
    public void Without_the_header_the_caller_is_unknown_when_a_principal_is_required_and_open_otherwise()
    {
        var request = new DefaultHttpContext().Request;

        Assert.Equal(CallerKind.Unknown, new EasyAuthRolesSource(requirePrincipal: true).Identify(request).Kind);
        Assert.True(new EasyAuthRolesSource(requirePrincipal: false).Identify(request).Holds(ApiRoles.Admin));
    }

    [Fact]
    public void A_header_that_is_not_base64_json_leaves_the_caller_unknown()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[EasyAuthRolesSource.HeaderName] = "%%%";

        var caller = new EasyAuthRolesSource(requirePrincipal: false).Identify(request);

        Assert.Equal(CallerKind.Unknown, caller.Kind);
        Assert.Contains("base64 JSON", caller.Problem, StringComparison.Ordinal);
    }

    private static HttpRequest WithPrincipal(string json)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[EasyAuthRolesSource.HeaderName] = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        return request;
    }
}
