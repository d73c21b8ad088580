using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class DateFunctionsTests
{
    [Theory]
    [InlineData("formatDate(run.logicalDate, 'yyyy-MM-dd')", "2026-01-31")]
    [InlineData("formatDate(run.logicalDate, 'yyyyMMdd-HHmm')", "20260131-0600")]
    [InlineData("formatDate(run.logicalDate, 'dddd d MMMM')", "Saturday 31 January")]
    [InlineData("formatDate('2026-01-31', 'yyyy/MM/dd HH:mm')", "2026/01/31 00:00")]
    [InlineData("formatDate('2026-01-31T06:00:00-05:00', 'HH:mm zzz')", "06:00 -05:00")]
    [InlineData("formatDate('2026-01-31T06:00:00.250Z', 'ss.fff')", "00.250")]
    [InlineData("formatDate('2026-01-31T06:00:00', 'HH zzz')", "06 +00:00")]
    public void FormatDate_formats_ISO_dates_with_NET_format_strings_in_the_invariant_culture(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<string>());
    }

    [Fact]
    public void FormatDate_does_not_depend_on_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            Assert.Equal("Saturday 1.5", Evaluate.Expression("format('{0} {1}', formatDate('2026-01-31', 'dddd'), 1.5)")!.GetValue<string>());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FormatDate_accepts_dates_the_scope_holds_as_DateTimeOffset_values()
    {
        var scope = new ExpressionScope().Set("run", new JsonObject { ["logicalDate"] = new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero) });

        var value = ExpressionTemplate.Parse("${{ formatDate(run.logicalDate, 'yyyy-MM-dd HH') }}").Evaluate(scope);

        Assert.Equal("2026-03-01 06", value!.GetValue<string>());
    }

    [Theory]
    [InlineData("addDays('2026-01-31', 1)", "2026-02-01")]
    [InlineData("addDays('2026-03-01', -1)", "2026-02-28")]
    [InlineData("addDays('2024-02-28', 1)", "2024-02-29")]
    [InlineData("addDays(run.logicalDate, 1)", "2026-02-01T06:00:00Z")]
    [InlineData("addDays('2026-01-31T06:00:00.5Z', 0)", "2026-01-31T06:00:00.5Z")]
    [InlineData("addDays('2026-01-31T23:30:00-05:00', 1)", "2026-02-01T23:30:00-05:00")]
    [InlineData("addDays('2026-01-31T06:00:00', 2)", "2026-02-02T06:00:00Z")]
    [InlineData("formatDate(addDays(run.logicalDate, -31), 'yyyy-MM-dd')", "2025-12-31")]
    public void AddDays_gives_an_ISO_string_in_the_form_and_offset_it_was_given(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<string>());
    }

    [Theory]
    [InlineData("formatDate('31/01/2026', 'yyyy')", 16, "formatDate() needs an ISO-8601 date such as '2026-01-31' or '2026-01-31T06:00:00Z'")]
    [InlineData("formatDate('2026-13-01', 'yyyy')", 16, "formatDate() needs an ISO-8601 date such as '2026-01-31' or '2026-01-31T06:00:00Z'")]
    [InlineData("formatDate('', 'yyyy')", 16, "formatDate() needs an ISO-8601 date such as '2026-01-31' or '2026-01-31T06:00:00Z'")]
    [InlineData("formatDate(null, 'yyyy')", 16, "formatDate() needs an ISO-8601 date string as argument 1, not null")]
    [InlineData("formatDate(20260131, 'yyyy')", 16, "formatDate() needs an ISO-8601 date string as argument 1, not a number")]
    [InlineData("formatDate('2026-01-31', 1)", 30, "formatDate() needs a .NET date format string as argument 2, not a number")]
    [InlineData("formatDate('2026-01-31', '')", 30, "formatDate() needs a format such as 'yyyy-MM-dd', not ''")]
    [InlineData("formatDate('2026-01-31', '%')", 30, "formatDate() was given '%', which is not a valid .NET date format")]
    [InlineData("addDays('tomorrow', 1)", 13, "addDays() needs an ISO-8601 date such as '2026-01-31' or '2026-01-31T06:00:00Z'")]
    [InlineData("addDays('2026-01-31', '1')", 27, "addDays() needs a number of days as argument 2, not a string")]
    [InlineData("addDays('2026-01-31', 0.5)", 27, "addDays() needs a whole number of days")]
    [InlineData("addDays('9999-12-31', 1)", 27, "addDays() would give a date outside the years 1 to 9999")]
    public void Dates_and_arguments_that_do_not_fit_are_errors(string expression, int column, string reason)
    {
        var error = Evaluate.Error(expression);

        Assert.Equal(reason, error.Reason);
        Assert.Equal(column, error.Column);
    }
}
