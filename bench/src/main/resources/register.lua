-- wrk script: POST /api/v1/participants with a new, valid person each time.
-- Arguments after "--": the first number n to use; each wrk thread takes its own 100,000 numbers.
-- Prints "created=<201s> other=<anything else>" when done.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(args[1] or "300000") + id * 100000
  counter = 0
  created = 0
  other = 0
end

function request()
  counter = counter + 1
  local n = base + counter
  local serial = string.format("%04d", n % 9999 + 1)
  local day = string.format("%02d", n % 28 + 1)
  local block = math.floor(n / 9999) % 100
  local body = string.format('{"nik":"31%02d01%s0190%s","kkNumber":"3174%012d","fullName":"Peserta Bench",'
    .. '"birthPlace":"Jakarta","birthDate":"1990-01-%s","sex":"MALE","email":"reg%d@example.id",'
    .. '"phone":"0858%08d","address":"Jl. Contoh","provinceCode":"31","regencyCode":"3174",'
    .. '"education":"SMA_SMK","jobStatus":"JOB_SEEKER",'
    .. '"declarations":{"inFormalEducation":false,"publicOffice":"NONE"}}',
    block, day, serial, n, day, n, n)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("created=%d other=%d mean_latency_ms=%.1f\n", c, o, latency.mean / 1000))
end
