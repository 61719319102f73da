-- wrk script: POST /api/v1/recommend for 10,000 customers in turn (closed loop: a throughput figure only).
-- KEY=<runtime key> wrk -t2 -c16 -d20s -s recommend.lua http://127.0.0.1:7071
local counter = 0

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = os.getenv("KEY")
end

function request()
  counter = counter + 1
  local body = string.format('{"customerId":"c%06d","channel":"web","limit":3}', counter % 10000)
  return wrk.format(nil, "/api/v1/recommend", nil, body)
end
