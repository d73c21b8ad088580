using System.Diagnostics;
using System.Globalization;
using System.Text;
using DurableDags.Core.States;
using DurableDags.Engine.Telemetry;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DurableDags.Engine.Tests.Telemetry;

/// <summary>
/// A run seen through OpenTelemetry's SDK with its in-memory exporters: one trace per run, a span
/// per node attempt step, the trace passed to a called service in <c>traceparent</c>, and metrics.
/// Other tests run runs at the same time, so everything is picked out by this test's DAG id.
/// </summary>
public sealed class DurableDagsTelemetryTests : IAsyncLifetime
{
    private const string DagId = "traced";

    private readonly DagRunHarness _harness = new();
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private TracerProvider _tracing = null!;
    private MeterProvider _metering = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(DurableDagsTelemetry.SourceName).AddInMemoryExporter(_spans).Build();
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(DurableDagsTelemetry.SourceName).AddInMemoryExporter(_metrics).Build();
        _server = await _harness.ServeAsync(app =>
        {
            app.MapGet("/ok", () => Results.Ok());
            app.MapGet("/fail", () => Results.StatusCode(503));
        });
        await _harness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _tracing.Dispose();
        _metering.Dispose();
    }

    [Fact]
    public async Task A_run_is_one_trace_its_calls_carry_it_and_its_metrics_count_it()
    {
        await _harness.PutDagAsync(DagId, $$$"""
            id: {{{DagId}}}
            nodes:
              call: { type: http, with: { url: "{{{_server.Url("/ok")}}}" } }
              flaky: { type: http, retries: 1, retryDelay: 1s, with: { url: "{{{_server.Url("/fail")}}}" } }
            """);

        await _harness.StartRunAsync(DagId);
        await _harness.UntilNodeAsync(DagId, "flaky", n => n.State == NodeState.UpForRetry);
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RunState.Failed, (await _harness.WaitAsync(DagId)).State);
        _tracing.ForceFlush();
        _metering.ForceFlush();

        var trace = DurableDagsTelemetry.RunContext(DagId, "r1").TraceId;
        var mine = _spans.Where(s => (string?)s.GetTagItem("durabledags.dag.id") == DagId).ToList();
        Assert.All(mine, s => Assert.Equal(trace, s.TraceId));
        Assert.Equal(["node call", "node flaky", "node flaky", "run traced"], mine.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2], mine.Where(s => s.DisplayName == "node flaky").Select(s => (int)s.GetTagItem("durabledags.attempt")!).Order());
        Assert.All(mine.Where(s => s.DisplayName == "node flaky"), s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        var run = mine.Single(s => s.DisplayName == "run traced");
        Assert.Equal(("failed", ActivityStatusCode.Error), ((string?)run.GetTagItem("durabledags.run.state"), run.Status));

        var traceparent = _server.Received.Single(r => r.Path == "/ok").Header("traceparent");
        Assert.NotNull(traceparent);
        // HttpClient's own request span, a child of the node's, is the parent the service sees.
        Assert.StartsWith($"00-{trace}-", traceparent, StringComparison.Ordinal);
        Assert.Equal(2, _server.Received.Count(r => r.Path == "/fail" && r.Header("traceparent")?.StartsWith($"00-{trace}-", StringComparison.Ordinal) == true));

        Assert.Equal(1, Sum("durabledags.runs.started"));
        Assert.Equal(1, Sum("durabledags.runs.ended", ("durabledags.run.state", "failed")));
        Assert.Equal(1, Sum("durabledags.node.retries"));
        Assert.Equal(3, Count("durabledags.node.duration"));
        Assert.Equal(1, Count("durabledags.run.queue_delay"));
    }

    [Fact]
    public async Task A_retry_is_counted_once_however_many_generations_it_waits_through()
    {
        // A small budget: while flaky waits out its retry delay, the chain makes the run continue
        // as new, and every new generation schedules the retry again from its snapshot.
        const string dagId = "retried";
        await using var small = new DagRunHarness { HistoryEventBudget = 120 };
        var yaml = new StringBuilder($$$"""
            id: {{{dagId}}}
            nodes:
              flaky: { type: http, retries: 1, retryDelay: 1h, with: { url: "{{{_server.Url("/fail")}}}" } }
              gate: { type: wait, with: { duration: 1m } }

            """);
        for (var i = 0; i < 60; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i}: {{ type: wait, needs: [{(i == 0 ? "gate" : $"n{i - 1}")}], with: {{ until: \"2000-01-01T00:00:00Z\" }} }}\n");
        }

        await small.StartAsync();
        await small.PutDagAsync(dagId, yaml.ToString());
        await small.StartRunAsync(dagId);
        await small.UntilNodeAsync(dagId, "flaky", n => n.State == NodeState.UpForRetry);
        await small.UntilNodeAsync(dagId, "gate", n => n.State == NodeState.Waiting);
        small.Time.Advance(TimeSpan.FromMinutes(1));
        var id = DagActivityNames.InstanceIdOf(dagId, "r1");
        await EngineHarness.UntilAsync(async () =>
            await small.Store.GetNodeAsync(dagId, "r1", new NodeInstance("n59"), EngineHarness.Deadline()) is { Value.State: NodeState.Succeeded }
            && (await small.Engine.GetInstanceAsync(id, EngineHarness.Deadline()))!.Generation >= 2);
        small.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(RunState.Failed, (await small.WaitAsync(dagId)).State);
        _metering.ForceFlush();

        Assert.Equal(2, (await small.Store.GetNodeAsync(dagId, "r1", new NodeInstance("flaky"), EngineHarness.Deadline()))!.Value.Attempts);
        Assert.Equal(1, Sum("durabledags.node.retries", dagId: dagId));
    }

    /// <summary>The sum of a counter's points for this test's DAG (and the tag given).</summary>
    private long Sum(string name, (string Key, string Value)? tag = null, string dagId = DagId)
    {
        long sum = 0;
        // Distinct: an export before the flush adds the same Metric object, whose points are cumulative.
        foreach (var metric in _metrics.Where(m => m.Name == name).Distinct())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Has(point, "durabledags.dag.id", dagId) && (tag is not { } t || Has(point, t.Key, t.Value)))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    /// <summary>How many values a histogram recorded for this test's DAG.</summary>
    private long Count(string name)
    {
        long count = 0;
        // Distinct: an export before the flush adds the same Metric object, whose points are cumulative.
        foreach (var metric in _metrics.Where(m => m.Name == name).Distinct())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Has(point, "durabledags.dag.id", DagId))
                {
                    count += point.GetHistogramCount();
                }
            }
        }

        return count;
    }

    private static bool Has(in MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && (tag.Value as string) == value)
            {
                return true;
            }
        }

        return false;
    }
}
