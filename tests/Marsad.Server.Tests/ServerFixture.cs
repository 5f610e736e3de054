using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marsad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Marsad.Server.Tests;

/// <summary>The real app in process (TestServer) over a throwaway archive holding a few articles written for these tests.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "marsad-api-" + Guid.NewGuid().ToString("N")[..12]);
    public HttpClient Client { get; private set; } = null!;
    public Dictionary<string, string> Ids { get; } = [];

    public const long BodyLimit = 2 * 1024 * 1024;

    public static readonly (string Name, string Text, string Category)[] Articles =
    [
        ("water", """
            مصر والسودان توقعان اتفاقية جديدة لتقاسم بيانات مياه النيل

            اللجنة الفنية المشتركة تجتمع في الخرطوم الشهر المقبل

            وقّع وزيرا الري في مصر والسودان، يوم الأربعاء في القاهرة، اتفاقية لتبادل البيانات الهيدرولوجية، بحضور ممثل عن الاتحاد الأفريقي.

            وقال الوزير المصري إن الاتفاقية تحمي حقوق البلدين في مياه النيل.

            بتاريخ : 13/03/2024
            """, "politics"),
        ("strike", """
            إضراب عمال الموانئ في الدار البيضاء يدخل يومه الثالث

            النقابة تطالب بزيادة الأجور وتحسين شروط السلامة

            واصل مئات من عمال ميناء الدار البيضاء إضرابهم، يوم الاثنين، مطالبين بزيادة الأجور، فيما تكدست الحاويات على الأرصفة.

            وقالت النقابة إن المفاوضات مع إدارة الميناء متوقفة منذ أسبوعين.

            بتاريخ : 06/05/2024
            """, "economy"),
        ("summit", """
            قمة اقتصادية في عمّان تبحث الربط الكهربائي بين الأردن والعراق

            المشاركون يتفقون على تسريع إنجاز المرحلة الثانية من المشروع

            بحث مسؤولون من الأردن والعراق، يوم الأحد في عمّان، مشروع الربط الكهربائي بين البلدين، واتفقوا على تسريع المرحلة الثانية.

            وتبلغ كلفة المشروع نحو 300 مليون دولار.

            بتاريخ : 21/07/2024
            """, "economy"),
        // One attack reported by two articles a day apart: the API lists it as one merged event with both as sources.
        ("mosul1", """
            مقتل ثلاثة جنود في هجوم على حاجز أمني قرب الموصل

            مسلحون يفتحون النار على الحاجز قبل أن يلوذوا بالفرار

            قُتل ثلاثة جنود عراقيين وأصيب اثنان آخران، مساء الثلاثاء، في هجوم شنه مسلحون على حاجز أمني عند المدخل الغربي لمدينة الموصل، بحسب مصدر في الشرطة.

            وقال المصدر إن قوات الأمن طوقت المنطقة وبدأت عمليات تفتيش واسعة.

            بتاريخ : 19/03/2024
            """, "security"),
        ("mosul2", """
            الجيش العراقي يلاحق منفذي هجوم الموصل

            حصيلة الهجوم على الحاجز ترتفع إلى ثلاثة قتلى

            أعلنت قيادة العمليات المشتركة، يوم الأربعاء، ملاحقة المسلحين الذين نفذوا الهجوم على حاجز أمني في الموصل، والذي أسفر عن مقتل ثلاثة جنود.

            وأضافت القيادة أن التحقيقات جارية لمعرفة الجهة التي تقف وراء الهجوم.

            بتاريخ : 20/03/2024
            """, "security"),
    ];

    public async Task InitializeAsync()
    {
        _app = MarsadServer.BuildApp(new ServerOptions { DataDirectory = DataDirectory, MaxRequestBodyBytes = BodyLimit },
            b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        Client = _app.GetTestClient();
        foreach (var (name, text, category) in Articles)
        {
            using var res = await PostText(text, $"?source={name}.txt&outlet=tests&category={category}");
            var body = await res.Content.ReadAsStringAsync();
            if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"setup ingest of {name}: {(int)res.StatusCode} {body}");
            Ids[name] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        }
    }

    public Task<HttpResponseMessage> PostText(string text, string query = "", string mediaType = "text/plain")
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return Client.PostAsync("/api/documents" + query, content);
    }

    public Task<HttpResponseMessage> PostJson(object value) => Client.PostAsJsonAsync("/api/documents", value);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("server")]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>;
