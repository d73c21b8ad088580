using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// A recipe's test: a fresh <see cref="ArmRecipe"/> per test, and the example it runs. Each
/// subclass carries <c>[Collection(IdentityEnvironmentCollection.Name)]</c>, as the identity
/// endpoint's environment variables are the process's.
/// </summary>
public abstract class ArmRecipeTest(string example) : IAsyncLifetime
{
    protected ArmRecipe Recipe { get; private set; } = null!;

    public async Task InitializeAsync() => Recipe = await ArmRecipe.StartAsync();

    public async Task DisposeAsync() => await Recipe.DisposeAsync();

    protected Task<(OperatorResult Result, int Steps)> RunAsync(LoopbackServer arm, JsonObject parameters) =>
        Recipe.RunAsync(example, arm, parameters);

    /// <summary>The one identity request (the ARM resource, this app's client id), and every call to the fake sent with its one token.</summary>
    protected void AssertEveryCallCarriedTheAppsToken(LoopbackServer arm)
    {
        var (resource, clientId) = Assert.Single(Recipe.Identity.Requests);
        Assert.Equal(("https://management.azure.com", Recipe.ClientId), (resource, clientId));
        var token = Assert.Single(Recipe.Identity.Issued);
        Assert.All(arm.Received, r => Assert.Equal($"Bearer {token}", r.Header("Authorization")));
    }
}
