namespace DurableDags.Core.Loading.Tree;

/// <summary>What a scalar is under the YAML 1.2 core schema (which JSON files also follow).</summary>
internal enum ScalarKind
{
    String,
    Null,
    Boolean,
    Integer,
    Float,
}
