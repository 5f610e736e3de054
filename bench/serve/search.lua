-- wrk script: GET /api/search with Arabic queries drawn at random (one-, two-word and phrase
-- queries, some with a date or page filter), so the index and the page cache are not hit with
-- one repeated query.
local words = {
  "الرئيس", "الحكومة", "اتفاق", "مجلس", "الأمن", "وزير", "الخارجية", "العراق", "سوريا", "مصر",
  "قمة", "انتخابات", "النفط", "الاقتصاد", "المغرب", "لبنان", "فلسطين", "اليمن", "ليبيا", "تونس",
  "الجزائر", "السعودية", "قطر", "الأردن", "السودان", "إيران", "تركيا", "روسيا", "أمريكا", "أوروبا",
  "مظاهرات", "هجوم", "مقتل", "انفجار", "مفاوضات", "زيارة", "اجتماع", "البرلمان", "الجيش", "الشرطة",
  "الأسعار", "البنك", "الاستثمار", "التعليم", "الصحة", "اللاجئين", "المساعدات", "الحدود", "السلام", "العقوبات",
}
local phrases = { "\"الأمم المتحدة\"", "\"مجلس الأمن\"", "\"وزير الخارجية\"", "\"الاتحاد الأوروبي\"", "\"جامعة الدول العربية\"" }

local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Each wrk thread draws its own sequence (the same seed in every thread would repeat queries and
-- flatter the server's answer cache).
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

init = function(args)
  math.randomseed(os.time() * 1000 + (thread_no or 0))
end

request = function()
  local r = math.random()
  local q
  if r < 0.5 then
    q = words[math.random(#words)]
  elseif r < 0.85 then
    q = words[math.random(#words)] .. " " .. words[math.random(#words)]
  else
    q = phrases[math.random(#phrases)]
  end
  local path = "/api/search?q=" .. enc(q)
  local f = math.random()
  if f < 0.15 then
    path = path .. "&from=" .. tostring(2000 + math.random(0, 20))
  elseif f < 0.25 then
    path = path .. "&page=2"
  end
  return wrk.format("GET", path)
end

-- Count non-200 answers so a benchmark of errors is not mistaken for a fast one.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("search: %.0f req/s, p50 %.1f ms, p99 %.1f ms, %d requests, %d errors (socket) \n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
