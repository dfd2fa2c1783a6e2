-- wrk script of bench/training: catalogue searches as TrainingBenchmark's Java clients make them
-- (text, price and mode filters, the five sorts, the first three pages). Argument: the bearer token.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local words = {"barista", "pemasaran%20digital", "akuntansi", "bahasa%20inggris", "desain", "menjahit", "servis",
  "python", "kue", "usaha%20kuliner", "excel", "fotografi", "hidroponik", "negosiasi", "bahasa%20jepang",
  "toko%20online", "listrik", "k3", "content%20creator", "batik"}
local sorts = {"rating", "price_asc", "price_desc", "reviews", "newest"}
local headers

function init(args)
  headers = {["Authorization"] = "Bearer " .. args[1]}
  math.randomseed(os.time() * 1000 + id)
  ok = 0
  other = 0
end

function request()
  local path = "/api/v1/trainings?size=20&page=" .. math.random(0, 2)
  if math.random(0, 2) > 0 then
    path = path .. "&q=" .. words[math.random(#words)]
  end
  if math.random(0, 3) == 0 then
    path = path .. "&maxPrice=" .. (200000 + 100000 * math.random(0, 7))
  end
  if math.random(0, 4) == 0 then
    path = path .. "&mode=ONLINE"
  end
  path = path .. "&sort=" .. sorts[math.random(#sorts)]
  return wrk.format("GET", path, headers)
end

function response(status, hdrs, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local n, bad = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("ok")
    bad = bad + t:get("other")
  end
  local e = summary.errors
  io.write(string.format("ok=%d other=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n", n, bad,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
