namespace DurableDags.Core.Operators;

/// <summary>
/// An error in a node's <c>with</c>: <paramref name="Pointer"/> is a JSON Pointer inside
/// <c>with</c>; <paramref name="AtKey"/> when the key itself is wrong (unknown) rather than its value.
/// </summary>
public readonly record struct SettingIssue(string Pointer, string Message, bool AtKey = false);
