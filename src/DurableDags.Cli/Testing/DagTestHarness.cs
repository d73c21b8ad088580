using System.Text.Json;
using DurableDags.Api.Ids;
using DurableDags.Core.Definitions;
using DurableDags.Core.Params;
using DurableDags.Core.States;
using DurableDags.Core.Testing;
using DurableDags.Engine;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Jobs;
using DurableDags.Engine.Operators.Notifications;
using DurableDags.Engine.Operators.Sensors;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Runs one test on the real embedded engine, as <c>dags run</c> does, in a throw-away folder
/// store, with every operator's HTTP routed to a <see cref="FakeEndpoint"/> and time on a
/// <see cref="VirtualClock"/> that jumps to the next timer whenever the engine is idle.
/// </summary>
internal static class DagTestHarness
{
    /// <summary>Where every test's clock starts: runs see the same logical date on every machine.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A run still going after this much real time is stopped and reported.</summary>
    public static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    private static readonly HashSet<Type> RoutedOperators = [typeof(HttpOperator), typeof(HttpJobOperator), typeof(SensorOperator), typeof(NotifyOperator)];

    /// <param name="dags">Every DAG to register (the tested one first), so <c>dag</c> nodes can start the others.</param>
    public static async Task<DagTestRun> RunAsync(
        DagTestCase test, string testFile, IReadOnlyList<(DagDefinition Dag, string Source, string File)> dags, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("dags-test-");
        try
        {
            return await RunInAsync(test, testFile, dags, folder.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<DagTestRun> RunInAsync(
        DagTestCase test, string testFile, IReadOnlyList<(DagDefinition Dag, string Source, string File)> dags, string folder, CancellationToken cancellationToken)
    {
        var dag = dags[0].Dag;
        var monitor = new ActivityMonitor();
        var tracker = new EngineTracker();
        var clock = new VirtualClock(Start, monitor.Touch) { Firing = tracker.Firing };
        var runId = RunIds.Manual(Start);
        var (runParams, paramErrors) = BindParams(dag, test, runId);
        if (paramErrors.Count > 0)
        {
            return new DagTestRun { Problems = [.. paramErrors.Select(e => $"{testFile}:{test.Location.Line}:{test.Location.Column}: params: {e}")] };
        }

        var endpoint = new FakeEndpoint(test.Responses, runId, clock, monitor, testFile);
        using var client = new HttpClient(endpoint) { Timeout = Timeout.InfiniteTimeSpan };
        await using var services = Services(test, SecretsFor(test, dags), client, clock, monitor, tracker, folder).BuildServiceProvider();
        GuardAgainstNetwork(services);
        var store = services.GetRequiredService<ICheckpointStore>();
        var launcher = services.GetRequiredService<EmbeddedRunLauncher>();
        await launcher.ResumeAsync(cancellationToken).ConfigureAwait(false);
        string? hash = null;
        foreach (var (each, source, file) in dags)
        {
            var put = await store.PutDagAsync(each.Id, source, Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
            hash ??= put.Version.Hash;
        }

        await launcher.StartRunAsync(new RunLaunch { DagId = dag.Id, DagHash = hash, RunId = runId, Params = runParams, LogicalDate = Start }, cancellationToken)
            .ConfigureAwait(false);
        var finished = launcher.WaitForRunAsync(dag.Id, runId, cancellationToken);
        var problems = await new RunDriver(dag, test, runId, clock, monitor, tracker, store, launcher).DriveAsync(finished, cancellationToken).ConfigureAwait(false);

        var nodes = await store.ListNodesAsync(dag.Id, runId, cancellationToken).ConfigureAwait(false);
        var outputs = new Dictionary<NodeInstance, JsonElement?>();
        foreach (var node in nodes)
        {
            outputs[node.Instance] = await store.ReadOutputAsync(node, cancellationToken).ConfigureAwait(false);
        }

        var run = (await store.GetRunAsync(dag.Id, runId, cancellationToken).ConfigureAwait(false))?.Value;
        return new DagTestRun
        {
            State = run?.State,
            Error = run?.Error,
            Nodes = nodes,
            Outputs = outputs,
            Requests = endpoint.Requests,
            Unmatched = endpoint.Unmatched,
            Problems = problems,
            VirtualDuration = clock.GetUtcNow() - Start,
        };
    }

    private static (JsonElement? Params, IReadOnlyList<string> Errors) BindParams(DagDefinition dag, DagTestCase test, string runId)
    {
        var given = test.Params is { } p ? System.Text.Json.Nodes.JsonNode.Parse(p.GetRawText())!.AsObject() : [];
        var binding = RunParams.Bind(dag, given, new RunIdentity(dag.Id, runId, Start));
        return binding.Errors.Length > 0
            ? (null, [.. binding.Errors.Select(e => e.ToString())])
            : (JsonSerializer.SerializeToElement(binding.Values), []);
    }

    /// <summary>
    /// The test's secrets, and a placeholder (<c>test-secret:NAME</c>) for every other secret the
    /// DAGs read: a host refuses to send a secret that is not set, and a DAG's unit tests run where
    /// its real secrets are not (CI), so a test states a secret only when it checks the value.
    /// </summary>
    private static Dictionary<string, string> SecretsFor(DagTestCase test, IReadOnlyList<(DagDefinition Dag, string Source, string File)> dags)
    {
        var given = new EngineSecrets(new ConfigurationBuilder().AddInMemoryCollection(
            test.Secrets.Select(s => KeyValuePair.Create($"{EngineSecrets.Section}:{s.Key}", (string?)s.Value))).Build());
        var secrets = new Dictionary<string, string>(test.Secrets, StringComparer.Ordinal);
        foreach (var (_, name) in dags.SelectMany(d => given.UnsetSecrets(d.Dag)))
        {
            secrets.TryAdd(name, $"test-secret:{name}");
        }

        return secrets;
    }

    private static ServiceCollection Services(DagTestCase test, Dictionary<string, string> secrets, HttpClient client, VirtualClock clock, ActivityMonitor monitor, EngineTracker tracker, string folder)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IObjectStore>(new MonitoredObjectStore(new FolderObjectStore(folder), monitor));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IOrchestrationHistoryStore>(sp => new TrackedHistoryStore(new ObjectStoreHistoryStore(sp.GetRequiredService<IObjectStore>()), tracker));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(secrets.Select(s => KeyValuePair.Create($"{EngineSecrets.Section}:{s.Key}", (string?)s.Value)))
            .AddInMemoryCollection(test.Vars.Select(v => KeyValuePair.Create($"{EngineVariables.Section}:{v.Key}", (string?)v.Value)))
            .Build());

        // Registered before the engine's own, which then leave these operator types alone: theirs
        // would share a client that reaches the network. A named blob connection reads no setting.
        var tokens = new TestAccessTokens();
        var blobs = new BlobProbes(new FakeBlobProbe(test.Blobs, monitor), _ => null);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, HttpOperator>(_ => new HttpOperator(client, tokens)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, HttpJobOperator>(_ => new HttpJobOperator(client, tokens)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, SensorOperator>(_ => new SensorOperator(client, blobs, tokens)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, NotifyOperator>(_ => new NotifyOperator(client)));
        // Every turn goes to history at once: the tracker judges the engine idle from the history
        // written, and a turn held back to batch writes hid an open activity from it, so the clock
        // jumped to the node's timeout while its request was still being answered.
        services.AddDurableDagsEngine(options =>
        {
            options.HistoryWriteDelay = TimeSpan.Zero;
            // Started in the trigger's call: the tracker that judges the engine idle does not see a queued start.
            options.RunStarters = 0;
        });
        return services;
    }

    /// <summary>Refuses to run when an operator this harness does not route could send requests of its own.</summary>
    private static void GuardAgainstNetwork(IServiceProvider services)
    {
        foreach (var op in services.GetServices<INodeOperator>())
        {
            var type = op.GetType();
            if (!RoutedOperators.Contains(type) && type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(HttpClient))))
            {
                throw new InvalidOperationException($"dags test cannot route the requests of operator '{op.Type}' ({type.FullName}) to its fake endpoint");
            }
        }
    }
}
