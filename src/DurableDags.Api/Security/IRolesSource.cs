using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Security;

/// <summary>
/// Tells who a request comes from and which roles they hold. The local server uses API keys
/// (<see cref="ApiKeyRolesSource"/>); the Functions app with Easy Auth uses the platform's
/// principal header (<see cref="EasyAuthRolesSource"/>).
/// </summary>
public interface IRolesSource
{
    Caller Identify(HttpRequest request);
}
