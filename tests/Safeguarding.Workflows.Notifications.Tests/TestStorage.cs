namespace Safeguarding.Workflows.Notifications.Tests;

/// <summary>The Azurite that ./test.sh started (AZURITE_CONNECTION_STRING), with a fresh prefix per test so tests never meet.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static EmailStorageNames NewNames() => EmailStorageNames.FromConnectionString(ConnectionString, NewPrefix());
}
