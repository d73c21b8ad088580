namespace DurableDags.Storage.Tests.Azurite;

/// <summary>Every test class in this collection shares one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
