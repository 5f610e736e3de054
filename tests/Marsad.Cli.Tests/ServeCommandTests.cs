using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marsad.Cli.Tests;

/// <summary><c>marsad serve</c> as a user starts it: the options that reach the server.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "marsad-serve-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Allowed_hosts_split_on_commas_and_repeat()
    {
        var r = Commands.ServeCommand.Create().Parse(["--allowed-hosts", "marsad.lan, news.lan", "--allowed-hosts", "proxy.lan", "--data", _data]);
        Assert.Empty(r.Errors);
        var options = Commands.ServeCommand.ToOptions(r);
        Assert.Equal(["marsad.lan", "news.lan", "proxy.lan"], options.AllowedHosts);
        Assert.Equal(Path.GetFullPath(_data), options.DataDirectory);
    }

    [Fact]
    public async Task A_host_named_by_allowed_hosts_is_answered_and_another_refused()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { CliRunner.CliDll, "serve", "--data", _data, "--urls", $"http://127.0.0.1:{port}", "--allowed-hosts", "marsad.lan" })
            psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            HttpStatusCode Get(string host)
            {
                using var req = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=x");
                req.Headers.Host = host;
                using var res = http.Send(req);
                return res.StatusCode;
            }
            var until = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try { if (Get("127.0.0.1") == HttpStatusCode.OK) break; }
                catch (HttpRequestException) { }
                if (server.HasExited) Assert.Fail("marsad serve exited: " + server.StandardError.ReadToEnd());
                Assert.True(DateTime.UtcNow < until, "marsad serve did not answer within 60 s");
                await Task.Delay(250);
            }
            Assert.Equal(HttpStatusCode.OK, Get("marsad.lan"));
            Assert.Equal(HttpStatusCode.OK, Get($"localhost:{port}"));
            Assert.Equal(HttpStatusCode.BadRequest, Get("evil.example"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
