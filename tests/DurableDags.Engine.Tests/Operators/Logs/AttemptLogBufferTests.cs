using DurableDags.Engine.Operators.Logs;
using DurableDags.Engine.Tests.Embedded;

namespace DurableDags.Engine.Tests.Operators.Logs;

public class AttemptLogBufferTests
{
    [Fact]
    public void Known_secret_values_are_masked_in_every_line_and_in_redacted_text()
    {
        var log = new AttemptLogBuffer(["tok-9f8e7d6c", "tok-9f8e7d6c5b4a", ""]);

        log.WriteLine("GET https://api.example/?token=tok-9f8e7d6c5b4a answered 200");
        log.WriteLine("server said: bad token tok-9f8e7d6c");

        Assert.Equal(["GET https://api.example/?token=*** answered 200", "server said: bad token ***"], log.Lines);
        Assert.Equal("GET https://api.example/?token=*** answered 200\nserver said: bad token ***", log.ToString());
        Assert.Equal("401: *** is revoked", log.Redact("401: tok-9f8e7d6c5b4a is revoked"));
    }

    [Fact]
    public void Without_secrets_lines_are_kept_as_written()
    {
        var log = new AttemptLogBuffer();

        log.WriteLine("poll 1: not done yet");

        Assert.Equal(["poll 1: not done yet"], log.Lines);
    }

    [Fact]
    public void With_a_clock_each_line_starts_with_the_utc_time_it_was_written()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 11, 15, 3, 120, TimeSpan.FromHours(1)));
        var log = new AttemptLogBuffer(["tok-1"], time);

        log.WriteLine("poll 1: tok-1 not done yet");
        time.Advance(TimeSpan.FromSeconds(2.5));
        log.WriteLine("poll 2: done");

        Assert.Equal(["2026-11-22T10:15:03.120Z poll 1: *** not done yet", "2026-11-22T10:15:05.620Z poll 2: done"], log.Lines);
    }
}
