using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Host.Configuration;

/// <summary>
/// A setting the service refuses (options validated at start) stops it with one line on standard error naming the
/// setting, and exit code <see cref="ExitCode"/>: an operator's mistake, not a crash with a stack trace and a core dump.
/// </summary>
public static class StartupRefusal
{
    /// <summary>EX_CONFIG (sysexits.h): a configuration error.</summary>
    public const int ExitCode = 78;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// The host's own "Hosting failed to start" would print the refusal again with its stack trace: on the console only
    /// its critical lines stay (other log providers, such as telemetry, still receive everything).
    /// </summary>
    public static WebApplicationBuilder AddStartupRefusal(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter<ConsoleLoggerProvider>(HostCategory, LogLevel.Critical);
        return builder;
    }

    public static int RunUnlessRefused(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        // Only as a program of its own: run inside another (the tests' WebApplicationFactory), the caller gets the exception.
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures && System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupRefusal).Assembly)
        {
            Console.Error.WriteLine($"Safeguarding Workflows did not start: {string.Join(" ", failures).ReplaceLineEndings(" ")}");
            return ExitCode;
        }
    }

    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException refused => [.. refused.Failures],
        AggregateException all => [.. all.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
