using Microsoft.Extensions.Logging.Abstractions;

namespace Safeguarding.Workflows.Storage.Tests;

/// <summary>The Azurite the tests run against (<c>AZURITE_CONNECTION_STRING</c>, else the default development ports).</summary>
internal static class Azurite
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : StorageOptions.DevelopmentConnectionString;

    /// <summary>A fresh prefix per test, so tests never see each other's tables even when they run in parallel or repeatedly.</summary>
    public static string UniquePrefix(string name) => name + Guid.NewGuid().ToString("N")[..10];

    public static StorageClients Clients(string name) =>
        new(new StorageOptions { ConnectionString = ConnectionString, Prefix = UniquePrefix(name) }, NullLogger<StorageClients>.Instance);
}
