using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>Keeps every log line the app writes (message, state values, exception text) for a test to search.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyCollection<LogLine> Lines => lines;

    public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Text);

    /// <summary>Adds this provider to a test host; <paramref name="everything"/> also lifts every category to Trace.</summary>
    public void AddTo(IServiceCollection services, bool everything = false)
    {
        services.AddSingleton<ILoggerProvider>(this);
        if (everything)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values as well as the message: a secret could hide in a value the template leaves out.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue(new LogLine(category, logLevel, eventId, $"{formatter(state, exception)} | {values} | {exception}"));
        }
    }
}
