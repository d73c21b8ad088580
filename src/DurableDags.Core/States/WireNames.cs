using System.Collections.Frozen;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.States;

/// <summary>
/// The snake_case names states and trigger rules have in DAG files, JSON and the UI. One table,
/// so that the file format, the API and the store can never spell a state two ways.
/// </summary>
public static class WireNames
{
    private static readonly FrozenDictionary<string, TriggerRule> Triggers = Build<TriggerRule>();
    private static readonly FrozenDictionary<string, NodeState> NodeStates = Build<NodeState>();
    private static readonly FrozenDictionary<string, RunState> RunStates = Build<RunState>();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => ToSnakeCase(value.ToString());

    public static IEnumerable<string> All<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => Of(v));

    public static bool TryParseTrigger(string text, out TriggerRule rule) => Triggers.TryGetValue(text, out rule);

    public static bool TryParseNodeState(string text, out NodeState state) => NodeStates.TryGetValue(text, out state);

    public static bool TryParseRunState(string text, out RunState state) => RunStates.TryGetValue(text, out state);

    private static FrozenDictionary<string, TEnum> Build<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => Of(v), v => v, StringComparer.Ordinal);

    private static string ToSnakeCase(string pascal)
    {
        var chars = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    chars.Append('_');
                }

                chars.Append(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }
}
