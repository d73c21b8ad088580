namespace DurableDags.Engine.Operators.Http.Auth;

/// <summary>A request's <c>auth</c> setting: today only <c>entra</c>, a token for <see cref="Scope"/>.</summary>
public sealed record RequestAuth(string Scope);
