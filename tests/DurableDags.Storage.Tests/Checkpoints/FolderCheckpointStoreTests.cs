using DurableDags.Storage.Tests.Logs;
using DurableDags.Storage.Tests.Nodes;
using DurableDags.Storage.Tests.Registry;
using DurableDags.Storage.Tests.Runs;

namespace DurableDags.Storage.Tests.Checkpoints;

// The checkpoint contract suites, each on a fresh temporary folder.
public sealed class FolderDagRegistryTests() : DagRegistryContractTests(new FolderStoreHost());

public sealed class FolderRunCatalogTests() : RunCatalogContractTests(new FolderStoreHost());

public sealed class FolderNodeCheckpointsTests() : NodeCheckpointsContractTests(new FolderStoreHost());

public sealed class FolderAttemptLogsTests() : AttemptLogsContractTests(new FolderStoreHost());
