using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DurableDags.Api.Files;

/// <summary>
/// DAG ids are unique in a registry, so a set of files validated together must not repeat one:
/// every file after the first that uses an id gets an error naming the file that has it first.
/// </summary>
public static class DuplicateDagIds
{
    public static ImmutableArray<DagFile> Check(ImmutableArray<DagFile> files)
    {
        var firstWith = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = files.ToBuilder();
        for (var i = 0; i < files.Length; i++)
        {
            if (files[i].Result.Dag is not { Id.Length: > 0 } dag)
            {
                continue;
            }

            if (!firstWith.TryAdd(dag.Id, i))
            {
                var first = files[firstWith[dag.Id]];
                var message = $"DAG id '{dag.Id}' is already used by {IdLocation(first)}; DAG ids must be unique";
                var diagnostic = new Diagnostic(IdLocation(files[i]), message);
                result[i] = files[i] with { Result = files[i].Result with { Diagnostics = Merge(files[i].Diagnostics, diagnostic) } };
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<Diagnostic> Merge(ImmutableArray<Diagnostic> diagnostics, Diagnostic added)
    {
        var bag = new DiagnosticBag();
        bag.AddRange(diagnostics);
        bag.Add(added);
        return bag.ToImmutable();
    }

    /// <summary>
    /// Where the top-level <c>id</c> value is written. The loaded model keeps only the DAG's own
    /// location, and this check runs only for the rare repeated id, so parsing the text again is cheap.
    /// </summary>
    private static SourceLocation IdLocation(DagFile file)
    {
        var fallback = file.Result.Dag?.Location ?? SourceLocation.None(file.Path);
        try
        {
            var parser = new Parser(new StringReader(file.Source ?? ""));
            var depth = 0;
            var expectKey = false;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        depth++;
                        expectKey = depth == 1;
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        expectKey = depth == 1;
                        break;
                    case Scalar { Value: "id" } when depth == 1 && expectKey:
                        return parser.MoveNext() && parser.Current is { } value
                            ? new SourceLocation(file.Path, (int)value.Start.Line, (int)value.Start.Column)
                            : fallback;
                    case Scalar or AnchorAlias when depth == 1:
                        expectKey = !expectKey;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // The text loaded as a DAG, so this is not expected; the DAG's own place will do.
        }

        return fallback;
    }
}
