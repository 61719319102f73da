-- wrk script: POST /api/v1/respond with a fresh idempotency key per request (closed loop: a throughput figure only).
-- KEY=<runtime key> wrk -t2 -c32 -d20s -s respond.lua http://127.0.0.1:7071
local threads = {}
local counter = 0
local run = tostring(os.time())

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = os.getenv("KEY")
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"customerId":"c%06d","outcome":"impression","offerId":"bench-offer","idempotencyKey":"wrk-%s-%d-%d"}',
    counter % 10000, run, id, counter)
  return wrk.format(nil, "/api/v1/respond", nil, body)
end
