using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Api.Tests.Fixtures;

/// <summary>
/// The functions declared in src/DurableDags.Functions, read from its source as text: that project
/// cannot be built where its packages do not restore, so its tests hold it to the route table and
/// the orchestration's names this way.
/// </summary>
internal static partial class FunctionsAppSource
{
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));

    public static IReadOnlyList<DeclaredFunction> Functions { get; } = Read();

    public static string ReadFile(params string[] parts) => File.ReadAllText(Path.Combine([RepositoryRoot, .. parts]));

    private static List<DeclaredFunction> Read()
    {
        var folder = Path.Combine(RepositoryRoot, "src", "DurableDags.Functions");
        var functions = new List<DeclaredFunction>();
        foreach (var file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var starts = FunctionAttribute().Matches(text);
            for (var i = 0; i < starts.Count; i++)
            {
                var end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
                functions.Add(Parse(Path.GetRelativePath(RepositoryRoot, file), starts[i].Groups["name"].Value, text[starts[i].Index..end]));
            }
        }

        return functions;
    }

    private static DeclaredFunction Parse(string file, string nameExpression, string declaration)
    {
        var trigger = Trigger().Match(declaration);
        var arguments = trigger.Success ? Arguments().Matches(trigger.Groups["args"].Value).Select(m => m.Value.Trim()).ToList() : [];
        var dispatch = Dispatch().Match(declaration);
        return new DeclaredFunction(
            file,
            NameOf(nameExpression),
            trigger.Success ? trigger.Groups["kind"].Value : null,
            arguments.FirstOrDefault(a => a.StartsWith("AuthorizationLevel.", StringComparison.Ordinal)),
            [.. arguments.Where(a => a.StartsWith('"')).Select(a => a.Trim('"'))],
            arguments.Where(a => a.StartsWith("Route", StringComparison.Ordinal)).Select(a => a.Split('"')[1]).FirstOrDefault(),
            dispatch.Success ? dispatch.Groups["route"].Value : null,
            declaration.Contains("[DurableClient] DurableTaskClient", StringComparison.Ordinal));
    }

    /// <summary>The name a <c>[Function(…)]</c> argument gives: <c>nameof(ApiRoutes.X)</c>, a <c>DagActivityNames</c> constant, or a literal.</summary>
    private static string NameOf(string expression)
    {
        if (NameOfRoute().Match(expression) is { Success: true } route)
        {
            return route.Groups["name"].Value;
        }

        if (expression.StartsWith($"{nameof(DagActivityNames)}.", StringComparison.Ordinal))
        {
            var field = typeof(DagActivityNames).GetField(expression[(nameof(DagActivityNames).Length + 1)..])
                ?? throw new InvalidOperationException($"{expression} is not a constant of {nameof(DagActivityNames)}.");
            return (string)field.GetRawConstantValue()!;
        }

        return expression.StartsWith('"') && expression.EndsWith('"')
            ? expression[1..^1]
            : throw new InvalidOperationException($"[Function({expression})] names a function in a way these tests do not read.");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    [GeneratedRegex(@"\[Function\((?<name>[^\]]+?)\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"nameof\(ApiRoutes\.(?<name>\w+)\)")]
    private static partial Regex NameOfRoute();

    [GeneratedRegex(@"\[(?<kind>HttpTrigger|TimerTrigger|ActivityTrigger|OrchestrationTrigger)(\((?<args>[^)]*)\))?\]")]
    private static partial Regex Trigger();

    /// <summary>The arguments of an attribute: quoted strings (commas inside stay) or anything up to the next comma.</summary>
    [GeneratedRegex(@"(?:[^,""]|""[^""]*"")+")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"HandleAsync\(ApiRoutes\.(?<route>\w+), request, client\)")]
    private static partial Regex Dispatch();
}

/// <summary>
/// One <c>[Function]</c> method as its source declares it. <see cref="Strings"/> are its trigger's
/// quoted arguments: an HTTP trigger's methods, a timer's schedule.
/// </summary>
internal sealed record DeclaredFunction(
    string File,
    string Name,
    string? Trigger,
    string? AuthorizationLevel,
    IReadOnlyList<string> Strings,
    string? Route,
    string? DispatchedRoute,
    bool BindsDurableClient);
