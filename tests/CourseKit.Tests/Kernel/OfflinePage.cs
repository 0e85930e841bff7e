using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit.Tests.Kernel;

/// <summary>
/// An executed notebook as a static HTML page (nbconvert's basic template: the cells and outputs, no CDN scripts of
/// nbconvert's own), opened in headless Chromium (Debian's <c>chromium</c>) with no network: the browser's only proxy
/// is a local one that refuses everything, and the page's Content-Security-Policy allows nothing but the page itself
/// (inline scripts and styles, data: images), so every address the page asks for outside itself is blocked and
/// recorded in the page (securitypolicyviolation events), apart from the browser's own background traffic.
/// Reports how many kit charts the page has and how many plotly.js drew (an SVG inside a div it marked <c>js-plotly-plot</c>).
/// </summary>
internal static partial class OfflinePage
{
    /// <summary>What the page did offline.</summary>
    public sealed record Result(int Charts, int Drawn, IReadOnlyList<string> ExternalRequests);

    /// <summary>Renders <paramref name="executedNotebook"/> to HTML and loads it in Chromium with networking off.</summary>
    public static Result Check(string executedNotebook)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-offline-page-").FullName;
        try
        {
            var page = Render(executedNotebook, folder);
            using var proxy = new RefusingProxy();
            var dom = DumpDom(page, proxy.Port, folder);
            var charts = ChartDiv().Matches(dom);
            int drawn = charts.Count(chart => chart.Groups["class"].Value.Split(' ').Contains("js-plotly-plot")
                                              && DrewSvg(dom, chart.Index));
            var blocked = BlockedRequest().Matches(dom).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).ToList();
            return new Result(charts.Count, drawn, blocked);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The DOM of an HTML fragment after its scripts ran, in headless Chromium with no network.</summary>
    public static string DomOf(string htmlBody)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-offline-dom-").FullName;
        try
        {
            var page = Path.Combine(folder, "page.html");
            File.WriteAllText(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + Policy + "<title>fragment</title></head><body>\n" +
                                    htmlBody + "\n</body></html>\n");
            using var proxy = new RefusingProxy();
            return DumpDom(page, proxy.Port, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Render(string notebook, string folder)
    {
        var (code, _, stderr) = ReferenceJupyter.Run(ReferenceJupyter.Python,
            ["-m", "nbconvert", "--to", "html", "--template", "basic", "--output-dir", folder, "--output", "body", notebook], TimeSpan.FromMinutes(3));
        if (code != 0) throw new InvalidOperationException($"nbconvert could not render {notebook} to HTML:\n{stderr}");
        var page = Path.Combine(folder, "page.html");
        File.WriteAllText(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + Policy + Recorder + "<title>notebook</title></head><body>\n" +
                                File.ReadAllText(Path.Combine(folder, "body.html")) + "\n</body></html>\n");
        return page;
    }

    // Nothing from outside the page: inline scripts and styles, images and fonts as data: URLs.
    private const string Policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " +
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">";

    // Each blocked request becomes a <li class="blocked-request"> in the DOM that --dump-dom prints.
    private const string Recorder = "<script>(function () { var list = document.createElement('ol'); list.id = 'coursekit-blocked-requests';" +
        " document.documentElement.appendChild(list); document.addEventListener('securitypolicyviolation', function (e) {" +
        " var item = document.createElement('li'); item.className = 'blocked-request'; item.textContent = e.blockedURI + ' (' + e.effectiveDirective + ')';" +
        " list.appendChild(item); }); })();</script>";

    [GeneratedRegex("<li class=\"blocked-request\">(?<url>[^<]*)</li>")]
    private static partial Regex BlockedRequest();

    /// <summary>What a page of a website did offline.</summary>
    /// <param name="Dom">The DOM after its scripts ran.</param>
    /// <param name="ConsoleErrors">console.error calls, uncaught errors, rejected promises and resources that failed to load.</param>
    /// <param name="ExternalRequests">Requests outside the site: blocked by the page's policy, or reaching the refusing proxy.</param>
    /// <param name="Charts">Kit charts on the page.</param>
    /// <param name="Drawn">Charts plotly.js drew (an SVG in the chart's div).</param>
    public sealed record SitePage(string Dom, IReadOnlyList<string> ConsoleErrors, IReadOnlyList<string> ExternalRequests, int Charts, int Drawn);

    /// <summary>
    /// Makes a copy of a static website checkable: every HTML page gets, first thing in its head, a Content-Security-Policy
    /// that allows files (file:) and inline code but nothing from a network, and a recorder that writes console errors,
    /// failed loads and blocked requests into the DOM. Call on a copy: the site itself stays as it is published.
    /// </summary>
    public static void InstrumentSite(string siteCopy)
    {
        foreach (var file in Directory.EnumerateFiles(siteCopy, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            int head = html.IndexOf("<meta charset=\"utf-8\">", StringComparison.OrdinalIgnoreCase);
            if (head < 0) throw new InvalidOperationException($"{file} has no <meta charset=\"utf-8\"> to instrument after.");
            head += "<meta charset=\"utf-8\">".Length;
            File.WriteAllText(file, html[..head] + SitePolicy + SiteRecorder + html[head..]);
        }
    }

    /// <summary>Opens <paramref name="url"/> (a file:// address in an instrumented site copy) in Chromium with no network; optionally writes a screenshot.</summary>
    public static SitePage Visit(string url, string? screenshot = null)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-site-page-").FullName;
        try
        {
            string dom;
            IReadOnlyList<string> proxied;
            using (var proxy = new RefusingProxy())
            {
                dom = DumpDom(url, proxy.Port, folder, screenshot);
                proxied = proxy.Requests;
            }
            var errors = LoggedError().Matches(dom).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value)).ToList();
            var blocked = BlockedRequest().Matches(dom).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))
                .Concat(proxied.Where(r => !BrowserService(r)).Select(r => "proxy: " + r)).ToList();
            var charts = ChartDiv().Matches(dom);
            int drawn = charts.Count(chart => chart.Groups["class"].Value.Split(' ').Contains("js-plotly-plot") && DrewSvg(dom, chart.Index));
            return new SitePage(dom, errors, blocked, charts.Count, drawn);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Chromium's own background requests (clock, component updates, sign-in), made whatever the page is; measured here:
    // every headless run asks these hosts through the proxy. A page's own requests are blocked by the policy above first.
    private static readonly string[] BrowserServiceHosts =
        ["clients2.google.com", "update.googleapis.com", "accounts.google.com", "clientservices.googleapis.com", "redirector.gvt1.com",
         "optimizationguide-pa.googleapis.com", "safebrowsingohttpgateway.googleapis.com", "content-autofill.googleapis.com"];

    private static bool BrowserService(string requestLine)
    {
        var target = requestLine.Split(' ').ElementAtOrDefault(1) ?? "";
        var host = target.Contains("://", StringComparison.Ordinal) ? new Uri(target).Host : target.Split(':')[0];
        return BrowserServiceHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    private const string SitePolicy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " +
        "script-src file: 'unsafe-inline' 'unsafe-eval'; style-src file: 'unsafe-inline'; img-src file: data: blob:; font-src file: data:; connect-src file:\">";

    // Blocked requests as in Recorder; errors of any kind as <li class="logged-error">.
    private const string SiteRecorder = "<script>(function () { var list = document.createElement('ol'); list.id = 'coursekit-page-log'; list.hidden = true;" +
        " document.documentElement.appendChild(list);" +
        " function add(kind, text) { var item = document.createElement('li'); item.className = kind; item.textContent = text; list.appendChild(item); }" +
        " document.addEventListener('securitypolicyviolation', function (e) { add('blocked-request', e.blockedURI + ' (' + e.effectiveDirective + ')'); });" +
        " var original = console.error; console.error = function () { add('logged-error', 'console.error: ' + Array.prototype.map.call(arguments, String).join(' ')); return original.apply(console, arguments); };" +
        " window.addEventListener('error', function (e) { var t = e.target; if (t && t !== window && (t.src || t.href)) add('logged-error', 'failed to load ' + (t.src || t.href));" +
        " else add('logged-error', 'uncaught: ' + e.message + ' at ' + e.filename + ':' + e.lineno); }, true);" +
        " window.addEventListener('unhandledrejection', function (e) { add('logged-error', 'unhandled rejection: ' + e.reason); }); })();</script>";

    [GeneratedRegex("<li class=\"logged-error\">(?<text>[^<]*)</li>")]
    private static partial Regex LoggedError();

    private static string DumpDom(string page, int proxyPort, string folder, string? screenshot = null)
    {
        var start = new ProcessStartInfo(Chromium()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={Path.Combine(folder, "profile")}",
                     // Every http(s)/ws request goes to the refusing proxy, loopback included: no network, and a count.
                     $"--proxy-server=http://127.0.0.1:{proxyPort}", "--proxy-bypass-list=<-loopback>",
                     "--virtual-time-budget=30000", "--dump-dom", page.Contains("://", StringComparison.Ordinal) ? page : new Uri(page).AbsoluteUri,
                 })
            start.ArgumentList.Add(argument);
        if (screenshot is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
            start.ArgumentList.Add("--window-size=1280,1600");
            start.ArgumentList.Add("--hide-scrollbars");
            start.ArgumentList.Add($"--screenshot={Path.GetFullPath(screenshot)}");
        }
        using var chromium = Process.Start(start)!;
        var dom = chromium.StandardOutput.ReadToEndAsync();
        var log = chromium.StandardError.ReadToEndAsync();
        if (!chromium.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            chromium.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish loading {page} in 3 minutes.");
        }
        if (chromium.ExitCode != 0 || dom.Result.Length == 0)
            throw new InvalidOperationException($"chromium failed on {page} (exit {chromium.ExitCode}):\n{log.Result}");
        return dom.Result;
    }

    private static string Chromium()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("No chromium found; install Debian's: apt-get install -y chromium (./test.sh does).");
    }

    // The chart's div holds plotly.js' SVG before the next kit chart starts.
    private static bool DrewSvg(string dom, int from)
    {
        var next = dom.IndexOf("id=\"coursekit-chart-", from + 20, StringComparison.Ordinal);
        var svg = dom.IndexOf("<svg class=\"main-svg\"", from, StringComparison.Ordinal);
        return svg >= 0 && (next < 0 || svg < next);
    }


    [GeneratedRegex("<div id=\"coursekit-chart-[0-9a-f]+\" class=\"(?<class>[^\"]*)\"")]
    private static partial Regex ChartDiv();

    /// <summary>A local HTTP proxy that answers every request with 403 and remembers its first line.</summary>
    private sealed class RefusingProxy : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<string> requests = [];
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;

        public RefusingProxy()
        {
            listener.Start();
            serving = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Requests
        {
            get { lock (requests) return [.. requests]; }
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        int read = await stream.ReadAsync(buffer, stop.Token);
                        var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
                        lock (requests) requests.Add(line);
                        await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { }
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            stop.Dispose();
        }
    }
}
