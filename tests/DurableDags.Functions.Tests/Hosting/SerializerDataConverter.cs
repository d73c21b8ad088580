using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>
/// The Functions app's serializer as a Durable Task data converter, as the Durable extension
/// wraps WorkerOptions.Serializer on Azure: the tests' worker and client write and read every
/// input, result and event with the very object the app configures.
/// </summary>
internal sealed class SerializerDataConverter(ObjectSerializer serializer) : DataConverter
{
    public override string? Serialize(object? value) =>
        value is null ? null : serializer.Serialize(value, value.GetType()).ToString();

    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : serializer.Deserialize(BinaryData.FromString(data).ToStream(), targetType, CancellationToken.None);
    }
}
