using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marsad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marsad.E2E.Tests;

/// <summary>A real <c>marsad serve</c> (Kestrel) on a free loopback port over a throwaway data folder.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    private ServerHarness(WebApplication app, string data, Uri baseAddress)
    {
        _app = app;
        DataDirectory = data;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public static async Task<ServerHarness> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "marsad-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHarness(app, data, new Uri(address));
    }

    /// <summary>POSTs one article file (text/plain) and returns the stored id.</summary>
    public async Task<string> IngestTextAsync(string text, string source, string? category = null)
    {
        using var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var res = await Http.PostAsync($"/api/documents?source={Uri.EscapeDataString(source)}&outlet=e2e" + (category is null ? "" : "&category=" + Uri.EscapeDataString(category)), content);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, $"ingest of {source} failed: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<string> IngestJsonAsync(object article)
    {
        using var res = await Http.PostAsJsonAsync("/api/documents", article);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, $"ingest failed: {(int)res.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
