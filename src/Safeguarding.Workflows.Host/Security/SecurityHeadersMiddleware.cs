namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Headers on every response, errors included (added as the response starts, so an error page written after the
/// response was cleared still carries them): a content security policy that allows only this origin and no framing,
/// no MIME sniffing, no referrer (links carry tokens), no caching of what may be sensitive, and HSTS outside
/// Development.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
{
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public Task InvokeAsync(HttpContext context)
    {
        var hsts = !environment.IsDevelopment();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint may set a stricter policy of its own (the compiled report allows just its style sheet).
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (headers.CacheControl.Count == 0)
            {
                headers.CacheControl = "no-store";
            }

            // Sent on plain HTTP too: TLS ends at the ingress in Azure, and browsers ignore it over HTTP anyway.
            if (hsts)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
