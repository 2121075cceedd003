using Safeguarding.Workflows.Bench;
using Safeguarding.Workflows.Bench.Email;

// Usage: dotnet run -c Release --project bench/Safeguarding.Workflows.Bench -- <command> [options]
// Storage: --connection, else AZURITE_CONNECTION_STRING, else the default local Azurite ports.
var command = args.FirstOrDefault();
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return command switch
{
    "email" => await EmailBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Safeguarding Workflows benchmarks (against a running Azurite)

          email [--count 10000] [--concurrency 16] [--drain] [--connection <storage connection string>]
                Sends --count messages through the email queue and the delivery worker with the Outbox provider,
                enqueuing (32 at a time) while the worker delivers, and prints messages/s from the first enqueue to
                the last message sent. --drain also times the worker on a queue filled before it starts.
        """);
    return 2;
}
