using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>Which grain interface serves which process kind, so generic code (the clock, cancel, wake) can reach any process.</summary>
public sealed record ProcessKindRegistration(string Kind, Type GrainInterface);

public sealed class ProcessGrains(IGrainFactory grainFactory, IEnumerable<ProcessKindRegistration> kinds)
{
    private readonly Dictionary<string, Type> byKind = kinds.ToDictionary(k => k.Kind, k => k.GrainInterface);

    public bool IsKnownKind(string kind) => byKind.ContainsKey(kind);

    /// <summary>The grain for <paramref name="key"/>, or null when its kind is not registered.</summary>
    public IProcessGrain? Find(ProcessKey key) =>
        byKind.TryGetValue(key.Kind, out var type) ? (IProcessGrain)grainFactory.GetGrain(type, key.ToString()) : null;
}

public static class ProcessKindServiceCollectionExtensions
{
    public static IServiceCollection AddProcessKind<TGrain>(this IServiceCollection services, string kind) where TGrain : IProcessGrain =>
        services.AddSingleton(new ProcessKindRegistration(kind, typeof(TGrain)));
}
