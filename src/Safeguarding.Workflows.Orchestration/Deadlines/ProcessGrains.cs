using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// One process kind, registered once (in the kind's own <c>AddX</c> method): which grain serves it, its URL plural,
/// its title, and its line in the annual report's appendix of figures. Generic code (the clock, the history and
/// cancel endpoints, the dashboard, the process pages, the appendix) reads the kinds from here, never from a list of
/// its own.
/// </summary>
/// <param name="AppendixLabel">The partnership's words for the kind in the annual report's appendix; null: not counted there.</param>
/// <param name="IdProblem">
/// Why a string cannot be an id of this kind (the rule its own routes and commands check), or null when it can; so the
/// generic routes refuse a bad id the same way before it reaches storage. Null: the kind has no such rule.
/// </param>
public sealed record ProcessKindRegistration(string Kind, string Plural, string Title, Type GrainInterface, string? AppendixLabel = null, Func<string, string?>? IdProblem = null);

public sealed class ProcessGrains(IGrainFactory grainFactory, IEnumerable<ProcessKindRegistration> kinds)
{
    private readonly Dictionary<string, ProcessKindRegistration> byKind = kinds.ToDictionary(k => k.Kind);
    private readonly Dictionary<string, ProcessKindRegistration> byPlural = kinds.ToDictionary(k => k.Plural);

    public IEnumerable<string> Kinds => byKind.Keys;

    public IEnumerable<ProcessKindRegistration> Registrations => byKind.Values;

    public bool IsKnownKind(string kind) => byKind.ContainsKey(kind);

    /// <summary>The kind whose URL plural is <paramref name="plural"/> (<c>meetings</c> → <c>meeting</c>).</summary>
    public string? KindOfPlural(string plural) => byPlural.TryGetValue(plural, out var registration) ? registration.Kind : null;

    /// <summary>The registration of the kind whose URL plural is <paramref name="plural"/>, or null.</summary>
    public ProcessKindRegistration? OfPlural(string plural) => byPlural.GetValueOrDefault(plural);

    /// <summary>The grain for <paramref name="key"/>, or null when its kind is not registered.</summary>
    public IProcessGrain? Find(ProcessKey key) =>
        byKind.TryGetValue(key.Kind, out var registration) ? (IProcessGrain)grainFactory.GetGrain(registration.GrainInterface, key.ToString()) : null;
}

public static class ProcessKindServiceCollectionExtensions
{
    /// <summary>Registers a process kind: the one line a kind needs for generic code to know it.</summary>
    public static IServiceCollection AddProcessKind<TGrain>(
        this IServiceCollection services, string kind, string plural, string title, string? appendixLabel = null, Func<string, string?>? idProblem = null)
        where TGrain : IProcessGrain =>
        services.AddSingleton(new ProcessKindRegistration(kind, plural, title, typeof(TGrain), appendixLabel, idProblem));
}

/// <summary>
/// Refuses to start when a process grain has no registration: a kind left out would otherwise be missing, silently,
/// from the dashboard, the lists, the clock and the annual report's figures.
/// </summary>
public sealed class ProcessKindCheck(IEnumerable<ProcessKindRegistration> kinds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Check(GrainClassesIn(typeof(ProcessKindCheck).Assembly), kinds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws naming every grain class whose process-grain interface no registration names.</summary>
    public static void Check(IEnumerable<Type> grainClasses, IEnumerable<ProcessKindRegistration> kinds)
    {
        var registered = kinds.Select(k => k.GrainInterface).ToHashSet();
        var missing = grainClasses
            .Where(c => !c.GetInterfaces().Any(registered.Contains))
            .Select(c => c.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Process kinds without a registration: {string.Join(", ", missing)}. Register each kind once with AddProcessKind in its Add method (see docs/decisions).");
        }
    }

    /// <summary>The concrete process grains (derived from <see cref="ProcessGrain{TProcess}"/>) in <paramref name="assembly"/>.</summary>
    public static IEnumerable<Type> GrainClassesIn(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && IsProcessGrain(t));

    private static bool IsProcessGrain(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ProcessGrain<>))
            {
                return true;
            }
        }

        return false;
    }
}
