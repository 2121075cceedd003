using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// Which grain interface serves which process kind, and the kind's URL plural, so generic code (the clock, the
/// history and cancel endpoints) can reach any process.
/// </summary>
public sealed record ProcessKindRegistration(string Kind, string Plural, Type GrainInterface);

public sealed class ProcessGrains(IGrainFactory grainFactory, IEnumerable<ProcessKindRegistration> kinds)
{
    private readonly Dictionary<string, ProcessKindRegistration> byKind = kinds.ToDictionary(k => k.Kind);
    private readonly Dictionary<string, ProcessKindRegistration> byPlural = kinds.ToDictionary(k => k.Plural);

    public IEnumerable<string> Kinds => byKind.Keys;

    public bool IsKnownKind(string kind) => byKind.ContainsKey(kind);

    /// <summary>The kind whose URL plural is <paramref name="plural"/> (<c>meetings</c> → <c>meeting</c>).</summary>
    public string? KindOfPlural(string plural) => byPlural.TryGetValue(plural, out var registration) ? registration.Kind : null;

    /// <summary>The grain for <paramref name="key"/>, or null when its kind is not registered.</summary>
    public IProcessGrain? Find(ProcessKey key) =>
        byKind.TryGetValue(key.Kind, out var registration) ? (IProcessGrain)grainFactory.GetGrain(registration.GrainInterface, key.ToString()) : null;
}

public static class ProcessKindServiceCollectionExtensions
{
    /// <summary>Registers a process kind; the URL plural defaults to the one docs/design/api.md gives the kind.</summary>
    public static IServiceCollection AddProcessKind<TGrain>(this IServiceCollection services, string kind, string? plural = null) where TGrain : IProcessGrain
    {
        plural ??= ProcessKinds.ByPlural.FirstOrDefault(p => p.Value == kind).Key
            ?? throw new ArgumentException($"Give the URL plural for process kind '{kind}'.", nameof(plural));
        return services.AddSingleton(new ProcessKindRegistration(kind, plural, typeof(TGrain)));
    }
}
