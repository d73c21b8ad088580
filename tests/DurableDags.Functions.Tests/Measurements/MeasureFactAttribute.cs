namespace DurableDags.Functions.Tests.Measurements;

/// <summary>A measurement, not a check of behaviour: it runs only with DD_MEASURE=1 (see bench/results.md).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MeasureFactAttribute : FactAttribute
{
    public MeasureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DD_MEASURE") != "1")
        {
            Skip = "a measurement for bench/results.md; set DD_MEASURE=1 to run it";
        }
    }
}
