// Each test runs a whole Durable Task sidecar and worker; one at a time keeps a 2-core runner from
// starving their dispatchers, and the suite still takes about a minute.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
