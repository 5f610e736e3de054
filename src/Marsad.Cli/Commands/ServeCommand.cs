using System.CommandLine;
using Marsad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad serve [--data DIR] [--urls URL]</c>: the HTTP API and the web page over one archive.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        // The same default as every other command: $MARSAD_DATA, else ./marsad-data; created when missing.
        var data = ArchiveOptions.Data();
        var urls = new Option<string>("--urls") { Description = "Where to listen; loopback only unless --allow-remote.", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var remote = new Option<bool>("--allow-remote") { Description = "Allow a non-loopback address in --urls (the API has no authentication)." };
        var hosts = new Option<string[]>("--allowed-hosts")
        {
            Description = "Host names answered besides those of --urls (the name a proxy forwards, or the only names to answer on a wildcard address); any other Host header gets 400.",
            AllowMultipleArgumentsPerToken = true,
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log each request." };
        var cors = new Option<string[]>("--cors")
        {
            Description = "Let pages of this origin read the API (GET and HEAD), e.g. --cors http://localhost:8888 for a notebook; repeat for more. Off by default.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cmd = new Command("serve", "Serve the HTTP API (/api, OpenAPI at /openapi/v1.json) and the web page.") { data, urls, remote, hosts, verbose, cors };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(async () => await RunAsync(ToOptions(r), beforeStart: null, ct)));
        return cmd;
    }

    /// <summary>The server options a parsed <c>serve</c> command line asks for.</summary>
    public static ServerOptions ToOptions(ParseResult r) => new()
    {
        DataDirectory = r.GetValue<string>("--data") is var d && Store.MarsadStores.SchemeOf(d!) is null ? Path.GetFullPath(d!) : d!,
        Urls = r.GetValue<string>("--urls")!,
        AllowRemote = r.GetValue<bool>("--allow-remote"),
        AllowedHosts = [.. (r.GetValue<string[]>("--allowed-hosts") ?? []).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        Verbose = r.GetValue<bool>("--verbose"),
        CorsOrigins = r.GetValue<string[]>("--cors") ?? [],
    };

    /// <summary>Builds and starts the server, prints where it listens, and runs until Ctrl+C.</summary>
    public static async Task<int> RunAsync(ServerOptions options, Func<WebApplication, Task>? beforeStart, CancellationToken ct)
    {
        WebApplication app;
        try
        {
            app = MarsadServer.BuildApp(options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"marsad: {e.Message}");
            return CliErrors.BadInput;
        }
        await using (app)
        {
            if (beforeStart is not null) await beforeStart(app);
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var a in addresses) Console.Out.WriteLine($"Marsad is serving {a}/  (API {a}/api, OpenAPI {a}/openapi/v1.json)");
            Console.Out.WriteLine($"data: {Store.MarsadStores.Redact(options.DataDirectory)}");
            Console.Out.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
        }
        return CliErrors.Ok;
    }
}
