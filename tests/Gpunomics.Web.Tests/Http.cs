using System.Net;
using System.Text.Json;

namespace Gpunomics.Web.Tests;

/// <summary>What the API tests ask of an answer: a successful JSON body, or a problem of the expected status.</summary>
internal static class Http
{
    /// <summary>GETs <paramref name="url"/>, asserts success and returns the JSON body.</summary>
    public static async Task<JsonElement> Get(HttpClient client, string url)
    {
        var r = await client.GetAsync(url);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts an RFC 7807 problem of <paramref name="expected"/> status without a stack trace; returns its body and text.</summary>
    public static async Task<(JsonElement Body, string Text)> Problem(HttpResponseMessage r, HttpStatusCode expected)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(expected, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text);
        return (JsonDocument.Parse(text).RootElement, text);
    }
}
