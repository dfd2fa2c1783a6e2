-- wrk script of bench/training: first purchases, each by another selected participant.
-- Arguments: a file of bearer tokens (one a line), a file of training ids, the number of wrk threads.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(args[3])
  tokens = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % n == id - 1 then table.insert(tokens, line) end
    i = i + 1
  end
  trainings = {}
  for line in io.lines(args[2]) do table.insert(trainings, line) end
  math.randomseed(os.time() * 1000 + id)
  nextToken = 1
  created = 0
  other = 0
end

function request()
  local token = tokens[(nextToken - 1) % #tokens + 1]
  nextToken = nextToken + 1
  local body = '{"trainingId":"' .. trainings[math.random(#trainings)] .. '"}'
  return wrk.format("POST", "/api/v1/purchases",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function response(status, hdrs, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, bad, used = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    bad = bad + t:get("other")
  end
  io.write(string.format("created=%d other=%d p50_us=%d p99_us=%d\n", c, bad, latency:percentile(50), latency:percentile(99)))
end
