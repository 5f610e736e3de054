using Marsad.Analysis;

namespace Marsad.Store.Tests.Export;

/// <summary>Articles written for the export tests: events west of Greenwich and south of the equator, a toll, a meeting out of ACLED's scope.</summary>
internal static class ExportArticles
{
    public static ArticleInput Make(string title, string body, string date, string outlet) => new()
    {
        Title = title,
        Body = body,
        Published = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Outlet = outlet,
        Source = "test",
        Url = $"https://news.example/{outlet}/{date}",
    };

    public static readonly ArticleInput Casablanca = Make("احتجاج في الدار البيضاء",
        "تظاهر آلاف العمال في الدار البيضاء يوم الجمعة للمطالبة برفع الأجور وتحسين ظروف العمل.", "2024-04-12", "a");
    public static readonly ArticleInput Mogadishu = Make("هجوم في مقديشو",
        "قتل 12 شخصا في هجوم انتحاري شنته حركة الشباب على فندق في مقديشو يوم الجمعة.", "2024-03-08", "b");
    public static readonly ArticleInput Cairo = Make("لقاء في القاهرة",
        "اجتمع وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي في القاهرة يوم الأحد لبحث الأوضاع الإقليمية.", "2024-01-15", "c");
    public static readonly ArticleInput Lima = Make("اعتقالات في ليما",
        "اعتقلت الشرطة البيروفية عشرات المتظاهرين في ليما يوم الاثنين بعد مواجهات مع قوات الأمن.", "2024-05-20", "d");
    /// <summary>A later report of the Mogadishu attack with a higher toll: the same event, changed.</summary>
    public static readonly ArticleInput MogadishuToll = Make("ارتفاع حصيلة هجوم مقديشو",
        "ارتفعت حصيلة الهجوم الانتحاري الذي شنته حركة الشباب على فندق في مقديشو إلى 15 قتيلا.", "2024-03-09", "e");
    /// <summary>A new event of its own.</summary>
    public static readonly ArticleInput Tunis = Make("مظاهرة في تونس",
        "تظاهر مئات الطلاب في تونس العاصمة يوم الثلاثاء احتجاجا على ارتفاع الأسعار.", "2024-06-04", "f");
}
