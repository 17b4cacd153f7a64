-- wrk script: each connection is one person after another, GET /join/ then POST it.
-- Run with as many threads as connections (wrk -t50 -c50), so each thread owns one connection
-- and its GET/POST alternation. Prints one "JOIN ..." line with the outcomes of the POSTs.

local threads = {}
local states = {"CA", "NY", "TX", "WA", "IL", "PA", "OH", "GA", "MI", "OR", "MN", "AZ"}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  run = args[1] or "run"
  origin = args[2] or "http://127.0.0.1"
  acks, dups, rejected, errors, counter = 0, 0, 0, 0, 0
  phase = "get"
end

local function urlencode(value)
  return (value:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  if phase == "get" then
    return wrk.format("GET", "/join/")
  end
  counter = counter + 1
  local name = string.format("Bench %s Alliance %d-%d", run, id, counter)
  local body = table.concat({
    "csrfmiddlewaretoken=" .. urlencode(token),
    "started=" .. urlencode(started),
    "homepage=",
    "name=" .. urlencode(name),
    "state=" .. states[(counter % #states) + 1],
    "city=Springfield",
    "website=" .. urlencode("https://example.org"),
    "contact_name=Bench",
    "contact_email=" .. urlencode(string.format("bench-%s-%d-%d@example.org", run, id, counter)),
    "consent=on",
  }, "&")
  return wrk.format("POST", "/join/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["Origin"] = origin,
  }, body)
end

function response(status, headers, body)
  if phase == "get" then
    if status == 200 then
      token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
      started = body:match('name="started" value="([^"]+)"')
      local set_cookie = headers["Set-Cookie"]
      if set_cookie then cookie = set_cookie:match("^([^;]+)") end
      if token and started and cookie then phase = "post" else errors = errors + 1 end
    else
      errors = errors + 1
    end
    return
  end
  phase = "get"
  local location = headers["Location"] or ""
  if status == 302 and location:find("/join/thanks/", 1, true) then
    acks = acks + 1
  elseif status >= 500 then
    errors = errors + 1
  elseif status == 200 and body:find("already received", 1, true) then
    dups = dups + 1
  else
    rejected = rejected + 1
  end
end

function done(summary, latency, requests)
  local a, d, r, e = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("acks")
    d = d + thread:get("dups")
    r = r + thread:get("rejected")
    e = e + thread:get("errors")
  end
  io.write(string.format("JOIN acks=%d duplicates=%d rejected=%d errors=%d\n", a, d, r, e))
end
