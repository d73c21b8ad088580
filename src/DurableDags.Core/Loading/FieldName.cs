namespace DurableDags.Core.Loading;

/// <summary>
/// How a message names a field: <c>'retries' of node 'cost'</c>, <c>'schedule'</c>, or a whole
/// thing such as <c>node 'cost'</c>. Text is built only when an error is reported, since a large
/// DAG has tens of thousands of fields and almost never an error in them.
/// </summary>
internal readonly record struct FieldName(string Key, string Owner)
{
    public static FieldName TopLevel(string key) => new(key, string.Empty);

    public static FieldName Whole(string owner) => new(string.Empty, owner);

    public override string ToString() =>
        Key.Length == 0 ? Owner : Owner.Length == 0 ? $"'{Key}'" : $"'{Key}' of {Owner}";
}
