using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// What <c>/openapi/v1.json</c> says beyond what ASP.NET reads from the handlers: who may call (an Entra ID bearer
/// token or an API key), the refusals every route of its kind can answer (the security middleware, the body limit and
/// the text guard answer them before any handler runs), file uploads and downloads, and the shapes our own JSON
/// converters write. Statuses only one handler gives (409) are declared on that endpoint.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";
    public const string ContributorLinkScheme = "ContributorLink";

    private const string ProblemJson = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        // The document describes the API under /api; pages and the operators' dashboard are not part of it.
        options.ShouldInclude = d => (d.GroupName is null || d.GroupName == options.DocumentName)
            && d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer(AddSecuritySchemes);
        options.AddOperationTransformer(AddSecurityAndRefusals);
        options.AddSchemaTransformer(DescribeOwnFormats);
    }

    /// <summary>Describes an upload: a <c>multipart/form-data</c> body with the file in <paramref name="field"/>.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, string field, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var file = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = contentTypes.Length > 0 ? "One of: " + string.Join(", ", contentTypes) + "." : null,
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { field },
                            Properties = new Dictionary<string, IOpenApiSchema> { [field] = file },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>Describes a download: a 200 whose body is a file of one of the given content types.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] moreContentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, moreContentTypes);

    private static Task AddSecuritySchemes(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A Microsoft Entra ID access token for the service's app registration; its app roles or groups give role:partnership grants.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A partnership system's API key (Auth:ApiKeys); its role and partnerships are configured with it.",
        };
        return Task.CompletedTask;
    }

    private static async Task AddSecurityAndRefusals(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        var parameters = context.Description.ParameterDescriptions;
        var hasPathValues = parameters.Any(p => p.Source.Id == "Path");
        var hasQuery = parameters.Any(p => p.Source.Id == "Query");
        // Any method but GET, HEAD and OPTIONS may carry a body, which the body limit and the text guard read first.
        var takesBody = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var secured = !metadata.OfType<IAllowAnonymous>().Any();

        operation.Responses ??= new OpenApiResponses();
        var problem = await SchemaOf<ProblemDetails>(context, cancellationToken);
        var validationProblem = await SchemaOf<HttpValidationProblemDetails>(context, cancellationToken);

        if (hasPathValues || hasQuery || takesBody)
        {
            Add(operation, StatusCodes.Status400BadRequest, "A value is not valid or the body could not be read; errors names each field.", validationProblem);
        }

        if (secured)
        {
            operation.Security ??= [];
            operation.Security.Add(Requirement(BearerScheme, context.Document));
            operation.Security.Add(Requirement(ApiKeyScheme, context.Document));
            if (metadata.OfType<ContributorLinkEndpoint>().Any() && context.Document is { } document)
            {
                // Only in the document when some operation takes a link (today only pages do).
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ContributorLinkScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = ContributorLink.QueryName,
                    Description = "The signed link an external contributor was emailed; it opens only its own form.",
                };
                operation.Security.Add(Requirement(ContributorLinkScheme, document));
            }

            Add(operation, StatusCodes.Status401Unauthorized, "Not signed in: no valid bearer token, API key or link.", problem);
            Add(operation, StatusCodes.Status403Forbidden, "The caller's roles do not allow this.", problem);
        }

        // A partnership the caller has no role in is not found, exactly like one that does not exist.
        if (hasPathValues || metadata.OfType<PartnershipQuery>().Any())
        {
            Add(operation, StatusCodes.Status404NotFound, "Not found, or in a partnership the caller has no role in.", problem);
        }

        if (takesBody)
        {
            Add(operation, StatusCodes.Status413PayloadTooLarge, "The body is larger than this endpoint takes (1 MiB unless it says otherwise).", problem);
            Add(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not a media type this endpoint takes; JSON must be UTF-8.", problem);
        }

        var tooMany = Add(operation, StatusCodes.Status429TooManyRequests, "Too many requests from this caller; try again after Retry-After seconds.", problem);
        tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
        tooMany.Headers["Retry-After"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
    }

    /// <summary>Adds a problem response unless the endpoint documents the status itself; returns the response either way.</summary>
    private static OpenApiResponse Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse own)
        {
            own.Description ??= description;
            return own;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
        operation.Responses[key] = response;
        return response;
    }

    /// <summary>A reference to the type's schema in the document's components, added there if it is not yet.</summary>
    private static async Task<IOpenApiSchema> SchemaOf<T>(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = typeof(T).Name;
        if (context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
        }

        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken));
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>Values our own converters write as text: a day of the year <c>MM-DD</c> and a local time <c>HH:mm</c>.</summary>
    private static Task DescribeOwnFormats(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(MonthDay))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Pattern = "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
            schema.Description = "A day of the year, MM-DD (for example 07-31).";
        }
        else if (type == typeof(TimeOnly))
        {
            // JSON Schema's "time" needs a UTC offset; these are Europe/London wall-clock times without one.
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$";
            schema.Description = "A Europe/London local time, HH:mm (HH:mm:ss when it has seconds).";
        }

        return Task.CompletedTask;
    }
}
