-- wrk script: the pathological queries of issue 14, sent beside the ordinary load of search.lua
-- (bench/serve/run.sh with MARSAD_BENCH_HOSTILE=1): regular expressions whose automaton explodes,
-- fans of fuzzy terms, one-letter wildcards, pages past the limit, and unreadable syntax. Each is
-- refused (400) or stopped by the time budget (503); none may slow ordinary queries down much.
local queries = {
  "/(.*a.{30})/", "/(.*ا.{40})/", "body:/[^x]*y.{25}/",
  "ال~2 في~2 من~2 على~2 إلى~2 عن~2 مع~2 بين~2 بعد~2 قبل~2",
  "الحكومة~2 الرئيس~2 وزير~2 مجلس~2",
  "ا*", "م*", "مع?*?*?*?*ر", "*", "?*",
  "[ا TO ي]", "title:[a TO z] body:[ا TO ي]",
  "\"الأمم المتحدة\"~100000", "(((((((((((((((((((((الأمن)))))))))))))))))))))", " OR ", "AND AND", "\\",
}

local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

math.randomseed(os.time() + 7)

request = function()
  local path = "/api/search?q=" .. enc(queries[math.random(#queries)])
  if math.random() < 0.2 then path = path .. "&page=" .. tostring(math.random(1000, 2147483647)) end
  return wrk.format("GET", path)
end

local codes = {}
response = function(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("hostile: %d requests, p99 %.1f ms\n", summary.requests, latency:percentile(99) / 1000))
end
