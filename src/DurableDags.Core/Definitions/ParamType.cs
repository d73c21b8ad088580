namespace DurableDags.Core.Definitions;

/// <summary>JSON types a run parameter may declare.</summary>
public enum ParamType
{
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}
