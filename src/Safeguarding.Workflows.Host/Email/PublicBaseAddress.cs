namespace Safeguarding.Workflows.Host.Email;

/// <summary>
/// The address emailed links start with when <c>Email:PublicBaseUrl</c> is not set: the one the service listens on, as
/// configured for Kestrel — an endpoint's <c>Kestrel:Endpoints:*:Url</c>, else the first http(s) address of
/// <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, which <c>run.sh</c> sets from <c>PORT</c>), else
/// <c>http_ports</c>/<c>https_ports</c>, else ASP.NET's own default. A wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>,
/// <c>[::]</c>) becomes <c>localhost</c>.
/// </summary>
public static class PublicBaseAddress
{
    /// <summary>Where Kestrel listens when nothing says otherwise.</summary>
    public const string AspNetDefault = "http://localhost:5000";

    public static string Of(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]);
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ports = Ports(configuration["http_ports"], "http").Concat(Ports(configuration["https_ports"], "https"));
        return endpoints.Concat(urls).Concat(ports).Select(Usable).FirstOrDefault(u => u is not null) ?? AspNetDefault;
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://localhost:{p}");

    private static string? Usable(string? url)
    {
        if (url is null || !(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // "http://*:7401" and "http://+:7401" are not URIs; name the host the service answers on this machine instead.
        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)].ToLowerInvariant();
        var rest = url[(scheme.Length + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
        var host = hostEnd <= 0 ? rest : rest[..hostEnd];
        var local = host is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : host;
        return Uri.TryCreate($"{scheme}://{local}{rest[host.Length..]}", UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
