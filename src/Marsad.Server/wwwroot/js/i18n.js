// Interface strings in Arabic (default) and English. Article text is never translated.

const STRINGS = {
  ar: {
    "brand": "مرصد",
    "nav.search": "البحث",
    "nav.events": "الأحداث",
    "nav.map": "الخريطة والخط الزمني",
    "footer": "مرصد — محرّك عربي لتحليل الأخبار. النصوص تُعرض كما وردت، والحقائق تشير إلى مواضعها في النص.",
    "lang.other": "English",
    "search.placeholder": "ابحث في الأرشيف… مثال: اتفاقية المياه",
    "search.button": "بحث",
    "search.from": "من تاريخ",
    "search.to": "إلى تاريخ",
    "search.source": "المصدر",
    "search.category": "التصنيف",
    "search.entity": "الكيان",
    "search.clear": "مسح المرشحات",
    "search.results": "{0} نتيجة",
    "search.none": "لا توجد نتائج.",
    "search.empty": "الأرشيف فارغ. أضف مقالات بالأمر ‎marsad ingest‎ أو ‎POST /api/documents‎.",
    "search.page": "الصفحة {0} من {1}",
    "search.prev": "السابق",
    "search.next": "التالي",
    "facet.source": "المصادر",
    "facet.category": "التصنيفات",
    "facet.month": "الأشهر",
    "facet.entity": "الكيانات",
    "facet.event_type": "أنواع الأحداث",
    "filter.remove": "إزالة المرشح",
    "doc.published": "تاريخ النشر",
    "doc.source": "المصدر",
    "doc.category": "التصنيف",
    "doc.entities": "الكيانات",
    "doc.times": "التواريخ والأوقات",
    "doc.events": "الأحداث",
    "doc.quantities": "الكميات",
    "doc.none": "لا شيء",
    "doc.legend": "المفتاح:",
    "doc.mentions": "{0} ذكر",
    "doc.back": "العودة إلى البحث",
    "doc.analysis": "عقد التحليل (JSON)",
    "entity.type": "النوع",
    "entity.key": "المعرّف",
    "entity.coords": "الإحداثيات",
    "entity.mentions": "الإشارات",
    "entity.documents": "المقالات",
    "entity.cooccurring": "كيانات مرافقة",
    "entity.events": "الأحداث",
    "entity.search": "ابحث عن مقالات تذكره",
    "entity.noevents": "لا أحداث مسجلة لهذا الكيان فاعلًا أو هدفًا أو مكانًا.",
    "events.title": "الأحداث",
    "events.type": "النوع",
    "events.country": "الدولة",
    "events.actor": "الفاعل",
    "events.filter": "تصفية",
    "events.date": "التاريخ",
    "events.trigger": "الفعل",
    "events.actors": "الفاعلون",
    "events.targets": "المستهدفون",
    "events.location": "المكان",
    "events.document": "المقال",
    "events.none": "لا توجد أحداث مسجلة بعد في الأرشيف.",
    "events.count": "{0} حدث",
    "events.reports": "من {0} تقريرًا: كل سطر حدث واحد جُمعت تقاريره من المقالات",
    "events.fatalities": "القتلى",
    "events.sources": "المصادر",
    "events.modality": "منفي أو مستقبلي أو افتراضي: لا يُحسب في المؤشرات",
    "timeline.title": "عدد الأحداث والمقالات شهريًا",
    "timeline.events": "أحداث",
    "timeline.documents": "مقالات",
    "timeline.none": "لا توجد بيانات زمنية بعد.",
    "map.title": "خريطة الأحداث والأماكن",
    "map.events": "أحداث",
    "map.places": "أماكن مذكورة",
    "map.world": "العالم كله",
    "map.fit": "تكبير على البيانات",
    "map.none": "لا توجد أماكن ذات إحداثيات بعد.",
    "type.PER": "شخص", "type.ORG": "منظمة", "type.LOC": "مكان",
    "kind.entity": "كيان", "kind.time": "زمن", "kind.event": "حدث",
    "error.title": "تعذّر التحميل",
    "error.notfound": "غير موجود.",
    "loading": "جارٍ التحميل…",
  },
  en: {
    "brand": "Marsad",
    "nav.search": "Search",
    "nav.events": "Events",
    "nav.map": "Map & timeline",
    "footer": "Marsad — Arabic-first news intelligence. Texts are shown as published; every fact points to its place in the text.",
    "lang.other": "العربية",
    "search.placeholder": "Search the archive… e.g. اتفاقية المياه",
    "search.button": "Search",
    "search.from": "From",
    "search.to": "To",
    "search.source": "Source",
    "search.category": "Category",
    "search.entity": "Entity",
    "search.clear": "Clear filters",
    "search.results": "{0} results",
    "search.none": "No results.",
    "search.empty": "The archive is empty. Add articles with `marsad ingest` or POST /api/documents.",
    "search.page": "Page {0} of {1}",
    "search.prev": "Previous",
    "search.next": "Next",
    "facet.source": "Sources",
    "facet.category": "Categories",
    "facet.month": "Months",
    "facet.entity": "Entities",
    "facet.event_type": "Event types",
    "filter.remove": "Remove filter",
    "doc.published": "Published",
    "doc.source": "Source",
    "doc.category": "Category",
    "doc.entities": "Entities",
    "doc.times": "Dates and times",
    "doc.events": "Events",
    "doc.quantities": "Quantities",
    "doc.none": "None",
    "doc.legend": "Legend:",
    "doc.mentions": "{0} mentions",
    "doc.back": "Back to search",
    "doc.analysis": "Analysis contract (JSON)",
    "entity.type": "Type",
    "entity.key": "Key",
    "entity.coords": "Coordinates",
    "entity.mentions": "Mentions",
    "entity.documents": "Articles",
    "entity.cooccurring": "Co-occurring entities",
    "entity.events": "Events",
    "entity.search": "Search articles that mention it",
    "entity.noevents": "No recorded event has this entity as actor, target or place.",
    "events.title": "Events",
    "events.type": "Type",
    "events.country": "Country",
    "events.actor": "Actor",
    "events.filter": "Filter",
    "events.date": "Date",
    "events.trigger": "Trigger",
    "events.actors": "Actors",
    "events.targets": "Targets",
    "events.location": "Place",
    "events.document": "Article",
    "events.none": "No events recorded in the archive yet.",
    "events.count": "{0} events",
    "events.reports": "from {0} reports: each row is one event, its reports across articles merged",
    "events.fatalities": "Fatalities",
    "events.sources": "Sources",
    "events.modality": "negated, future or hypothetical: not counted in indicators",
    "timeline.title": "Events and articles per month",
    "timeline.events": "events",
    "timeline.documents": "articles",
    "timeline.none": "No dated data yet.",
    "map.title": "Map of events and places",
    "map.events": "Events",
    "map.places": "Places mentioned",
    "map.world": "Whole world",
    "map.fit": "Zoom to data",
    "map.none": "No places with coordinates yet.",
    "type.PER": "Person", "type.ORG": "Organisation", "type.LOC": "Place",
    "kind.entity": "entity", "kind.time": "time", "kind.event": "event",
    "error.title": "Could not load",
    "error.notfound": "Not found.",
    "loading": "Loading…",
  },
};

let lang = (() => {
  try { return localStorage.getItem("marsad.lang") === "en" ? "en" : "ar"; } catch { return "ar"; }
})();

export function currentLang() { return lang; }

export function setLang(next) {
  lang = next === "en" ? "en" : "ar";
  try { localStorage.setItem("marsad.lang", lang); } catch { /* private mode */ }
  applyStatic();
}

/** t("search.results", 12) → "12 نتيجة". */
export function t(key, ...args) {
  const s = STRINGS[lang][key] ?? STRINGS.ar[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

/** Numbers and dates in the interface language (Arabic keeps Western digits, as the news does). */
export function num(n) { return new Intl.NumberFormat(lang === "ar" ? "ar-u-nu-latn" : "en").format(n); }

/** Sets lang/dir on <html> and refreshes the strings of the static shell. */
export function applyStatic() {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === "ar" ? "rtl" : "ltr";
  document.title = t("brand");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  const button = document.getElementById("lang");
  if (button) {
    button.textContent = t("lang.other");
    button.lang = lang === "ar" ? "en" : "ar";
  }
}
