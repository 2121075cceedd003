namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>Waits for something the host does in the background (on the system clock, or as grains are put away).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
