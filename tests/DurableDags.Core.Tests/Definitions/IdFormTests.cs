using DurableDags.Core.Definitions;

namespace DurableDags.Core.Tests.Definitions;

public class IdFormTests
{
    [Theory]
    [InlineData("carrier-costs", true)]
    [InlineData("2026_report", true)]
    [InlineData("Carrier-Costs", false)]
    [InlineData("-costs", false)]
    [InlineData("carrier costs", false)]
    [InlineData("", false)]
    public void Dag_ids_are_lower_case_and_start_with_a_letter_or_digit(string id, bool valid)
    {
        Assert.Equal(valid, IdForm.IsDagId(id));
    }

    [Fact]
    public void Dag_ids_are_at_most_63_characters()
    {
        Assert.True(IdForm.IsDagId(new string('a', 63)));
        Assert.False(IdForm.IsDagId(new string('a', 64)));
    }

    [Theory]
    [InlineData("fetchRates", true)]
    [InlineData("_private", true)]
    [InlineData("load-2", true)]
    [InlineData("2load", false)]
    [InlineData("load.rates", false)]
    public void Node_ids_start_like_an_identifier(string id, bool valid)
    {
        Assert.Equal(valid, IdForm.IsNodeId(id));
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("hello\0")]
    [InlineData("hello\r\n")]
    public void An_id_ending_in_a_control_character_is_not_an_id(string id)
    {
        // A regex '$' also matches before a final newline; the forms must end at the end.
        Assert.False(IdForm.IsDagId(id));
        Assert.False(IdForm.IsNodeId(id));
    }
}
