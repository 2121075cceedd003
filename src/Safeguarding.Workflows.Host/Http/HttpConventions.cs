using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>Cross-cutting HTTP behaviour: RFC 9457 problem details for every error, OpenAPI, request size limits.</summary>
public static class HttpConventions
{
    /// <summary>Largest request body accepted by default (1 MiB); endpoints that take files set their own limit.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        // Malformed JSON and wrong types reach BadRequestExceptionHandler, which names the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Turns a request the framework could not bind (malformed JSON, a wrong type, an oversized body) into a problem
    /// response that names the field, instead of an empty 400.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            context.Response.StatusCode = bad.StatusCode;
            var field = FieldOf(bad.InnerException as JsonException) ?? "body";
            var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request is too large."
                : bad.InnerException is JsonException ? $"This is not valid here: check the value of '{field}'." : bad.Message;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request could not be read",
                    Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
                },
            });
        }

        // "$.author.email" → "author.email"; "$" (the whole body) → null.
        private static string? FieldOf(JsonException? json) =>
            json?.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
    }
}
