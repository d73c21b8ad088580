using DurableDags.Storage.Tests.Azurite;
using DurableDags.Storage.Tests.Logs;
using DurableDags.Storage.Tests.Nodes;
using DurableDags.Storage.Tests.Registry;
using DurableDags.Storage.Tests.Runs;

namespace DurableDags.Storage.Tests.Checkpoints;

// The checkpoint contract suites, each test on a fresh container of the collection's Azurite.
[Collection(AzuriteCollection.Name)]
public sealed class BlobDagRegistryTests(AzuriteFixture azurite) : DagRegistryContractTests(new BlobStoreHost(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class BlobRunCatalogTests(AzuriteFixture azurite) : RunCatalogContractTests(new BlobStoreHost(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class BlobNodeCheckpointsTests(AzuriteFixture azurite) : NodeCheckpointsContractTests(new BlobStoreHost(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class BlobAttemptLogsTests(AzuriteFixture azurite) : AttemptLogsContractTests(new BlobStoreHost(azurite));
