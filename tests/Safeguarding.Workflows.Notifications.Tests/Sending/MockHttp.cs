using System.Net;
using System.Text.Json;
using Moq;
using Moq.Protected;

namespace Safeguarding.Workflows.Notifications.Tests.Sending;

/// <summary>A Moq <see cref="HttpMessageHandler"/> that records every request (method, URL, headers, body) and answers as told.</summary>
public sealed class MockHttp
{
    public MockHttp(Func<CapturedRequest, HttpResponseMessage>? respond = null)
    {
        Respond = respond ?? (_ => new HttpResponseMessage(HttpStatusCode.Accepted));
        Handler = new Mock<HttpMessageHandler>(MockBehavior.Strict);
        Handler.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns(async (HttpRequestMessage request, CancellationToken cancellationToken) =>
            {
                var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                    .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
                var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
                Requests.Add(captured);
                return Respond(captured);
            });
    }

    public Mock<HttpMessageHandler> Handler { get; }

    public Func<CapturedRequest, HttpResponseMessage> Respond { get; set; }

    public List<CapturedRequest> Requests { get; } = [];

    public HttpClient Client() => new(Handler.Object);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}

public sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Everything a provider sees of the message, for "this must never appear" checks.</summary>
    public string Everything => $"{Method} {Uri}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{Body}";
}
