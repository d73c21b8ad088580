using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

/// <summary>Retries with both backoffs, and the limit of attempts running at once.</summary>
public class RunPlannerRetryTests
{
    [Fact]
    public void Fixed_backoff_retries_after_the_same_delay_until_retries_run_out()
    {
        var policy = new NodePolicy { Retries = 2, RetryDelay = TimeSpan.FromSeconds(30), Backoff = RetryBackoff.Fixed };
        var planner = Start(Dag(Node("a") with { Policy = policy }), out _);

        Assert.Equal([new ScheduleRetry(Key("a"), 2, T0.AddSeconds(30))], planner.Apply(new AttemptFailed(Key("a"), T0, "first")));
        Assert.Equal((NodeState.UpForRetry, "first"), (planner.Node("a").State, planner.Node("a").Error));
        Assert.Equal([new StartAttempt(Key("a"), 2)], planner.Apply(new RetryDue(Key("a"))));

        var t1 = T0.AddMinutes(5);
        Assert.Equal([new ScheduleRetry(Key("a"), 3, t1.AddSeconds(30))], planner.Apply(new AttemptFailed(Key("a"), t1, "second")));
        Assert.Equal([new StartAttempt(Key("a"), 3)], planner.Apply(new RetryDue(Key("a"))));

        Assert.Equal([new RunCompleted(RunState.Failed)], planner.Apply(new AttemptFailed(Key("a"), t1.AddMinutes(1), "third")));
        Assert.Equal((NodeState.Failed, "third", 3), (planner.Node("a").State, planner.Node("a").Error, planner.Instance(Key("a")).Attempts));
    }

    [Fact]
    public void Exponential_backoff_doubles_the_delay_up_to_the_cap()
    {
        var policy = new NodePolicy
        {
            Retries = 3,
            RetryDelay = TimeSpan.FromSeconds(30),
            Backoff = RetryBackoff.Exponential,
            MaxRetryDelay = TimeSpan.FromSeconds(100),
        };
        var planner = Start(Dag(Node("a") with { Policy = policy }), out _);

        var dues = new List<DateTimeOffset>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var failedAt = T0.AddHours(attempt);
            var retry = Assert.IsType<ScheduleRetry>(Assert.Single(planner.Apply(new AttemptFailed(Key("a"), failedAt, "x"))));
            Assert.Equal(attempt + 1, retry.NextAttempt);
            dues.Add(retry.DueAt);
            Assert.Equal(planner.Instance(Key("a")).RetryDueAt, retry.DueAt);
            planner.Apply(new RetryDue(Key("a")));
        }

        Assert.Equal([T0.AddHours(1).AddSeconds(30), T0.AddHours(2).AddSeconds(60), T0.AddHours(3).AddSeconds(100)], dues);
        Assert.Equal([new RunCompleted(RunState.Failed)], planner.Apply(new AttemptFailed(Key("a"), T0.AddHours(4), "x")));
    }

    [Fact]
    public void A_retry_that_succeeds_ends_the_node_succeeded_without_an_error()
    {
        var planner = Start(Dag(Node("a") with { Policy = new NodePolicy { Retries = 1 } }, Node("b", "a")), out _);
        planner.Apply(new AttemptFailed(Key("a"), T0, "flaky"));
        planner.Apply(new RetryDue(Key("a")));

        Assert.Equal([new StartAttempt(Key("b"), 1)], planner.Apply(new AttemptSucceeded(Key("a"), T0.AddMinutes(1))));
        Assert.Equal((NodeState.Succeeded, null, 2), (planner.Node("a").State, planner.Node("a").Error, planner.Instance(Key("a")).Attempts));
    }

    [Fact]
    public void A_failure_that_is_not_retryable_ends_the_node_with_retries_left()
    {
        var planner = Start(Dag(Node("a") with { Policy = new NodePolicy { Retries = 3 } }), out _);

        var actions = planner.Apply(new AttemptFailed(Key("a"), T0, "HTTP 400: bad carrier id", Retryable: false));

        Assert.Equal([new RunCompleted(RunState.Failed)], actions);
        Assert.Equal((NodeState.Failed, 1), (planner.Node("a").State, planner.Instance(Key("a")).Attempts));
    }

    [Fact]
    public void A_late_or_repeated_retry_timer_does_nothing()
    {
        var planner = Start(Dag(Node("a") with { Policy = new NodePolicy { Retries = 1 } }), out _);
        planner.Apply(new AttemptFailed(Key("a"), T0, "flaky"));
        planner.Apply(new RetryDue(Key("a")));

        Assert.Empty(planner.Apply(new RetryDue(Key("a"))));
        Assert.Equal(NodeState.Running, planner.Node("a").State);
    }

    [Fact]
    public void No_more_than_max_parallel_nodes_attempts_run_and_the_first_eligible_goes_first()
    {
        // a and b are eligible at the start; c only when a is done, so b goes before c.
        var planner = Start(Dag(1, Node("a"), Node("b"), Node("c", "a")), out var actions);
        Assert.Equal([Key("a")], Started(actions));
        Assert.Equal(NodeState.Queued, planner.Node("b").State);

        Assert.Equal([Key("b")], Started(planner.Apply(new AttemptSucceeded(Key("a"), T0))));
        Assert.Equal(NodeState.Queued, planner.Node("c").State);
        Assert.Equal([Key("c")], Started(planner.Apply(new AttemptSucceeded(Key("b"), T0))));
    }

    [Fact]
    public void Nodes_made_eligible_by_one_event_queue_in_file_order()
    {
        var planner = Start(Dag(1, Node("root"), Node("z", "root"), Node("a", "root"), Node("m", "root")), out _);

        Assert.Equal([Key("z")], Started(planner.Apply(new AttemptSucceeded(Key("root"), T0))));
        Assert.Equal([Key("a")], Started(planner.Apply(new AttemptSucceeded(Key("z"), T0))));
        Assert.Equal([Key("m")], Started(planner.Apply(new AttemptSucceeded(Key("a"), T0))));
    }

    [Fact]
    public void A_waiting_attempt_frees_its_slot_and_may_finish_from_waiting()
    {
        var planner = Start(Dag(1, Node("approve"), Node("b")), out _);

        Assert.Equal([Key("b")], Started(planner.Apply(new NodeWaiting(Key("approve")))));
        Assert.Equal((NodeState.Waiting, 1), (planner.Node("approve").State, planner.RunningAttempts));

        planner.Apply(new AttemptSucceeded(Key("approve"), T0.AddHours(3)));
        Assert.Equal((NodeState.Succeeded, T0.AddHours(3)), (planner.Node("approve").State, planner.Node("approve").EndedAt));
    }

    [Fact]
    public void A_waiting_attempt_that_resumes_is_running_again()
    {
        var planner = Start(Dag(Node("job")), out _);
        planner.Apply(new AttemptStarted(Key("job"), T0));
        planner.Apply(new NodeWaiting(Key("job")));

        planner.Apply(new AttemptStarted(Key("job"), T0.AddMinutes(1)));

        Assert.Equal((NodeState.Running, T0), (planner.Node("job").State, planner.Instance(Key("job")).StartedAt));
        Assert.Equal(1, planner.RunningAttempts);
    }

    [Fact]
    public void A_retry_goes_to_the_back_of_the_queue()
    {
        var planner = Start(Dag(1, Node("a") with { Policy = new NodePolicy { Retries = 1 } }, Node("b")), out _);

        Assert.Equal([Key("b")], Started(planner.Apply(new AttemptFailed(Key("a"), T0, "x"))));
        Assert.Empty(planner.Apply(new RetryDue(Key("a"))));
        Assert.Equal(NodeState.Queued, planner.Node("a").State);
        Assert.Equal([new StartAttempt(Key("a"), 2)], planner.Apply(new AttemptSucceeded(Key("b"), T0)));
    }
}
