using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Net.Http.Headers;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>Pages' answers other than their own page.</summary>
public static class PageResults
{
    /// <summary>404: an HTML "Page not found" for a browser; for any other client, the API's RFC 9457 problem.</summary>
    public static IActionResult NotFound(string message) => new NotFoundPage(message);

    private sealed class NotFoundPage(string message) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var acceptsHtml = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
            if (!acceptsHtml)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = message },
                });
                return;
            }

            await new ViewResult
            {
                ViewName = "_NotFound",
                StatusCode = StatusCodes.Status404NotFound,
                ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = message, ["Title"] = "Page not found" },
            }.ExecuteResultAsync(context);
        }
    }
}
