using DurableDags.Api.Hosting;
using DurableDags.Functions.Hosting;
using DurableDags.Storage.Blob;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions app: the API, the scheduler timer, and the DAG-run orchestrator with its
// activities on Durable Functions, over the Blob store. Everything it registers is built and
// tested outside this project (DurableFunctionsServices); the functions here only bind triggers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var objects = await BlobObjectStore.ConnectAsync(BlobStoreSettings.Read(builder.Configuration));
builder.Services.AddDurableDagsForDurableFunctions(builder.Configuration, objects);
builder.Services.AddFunctionsTelemetry(builder.Configuration);

// Durable inputs, results and events are written as the embedded engine writes its history.
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = DurableSerialization.Serializer);

await builder.Build().RunAsync();
