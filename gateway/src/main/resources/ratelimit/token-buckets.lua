-- Token buckets checked and taken all-or-nothing in one atomic step.
--
-- Why a token bucket: it gives the "N per minute, at most B at once" shape the limits are stated in,
-- and it needs two numbers per bucket (tokens, last refill) instead of a log of timestamps.
-- Why all-or-nothing: a request rejected by one bucket (say the caller's) must not use up another (the
-- global one), or one noisy user would eat everyone's global budget.
-- Why Redis TIME: gateway replicas' clocks may differ; the server's clock is the one shared truth
-- (needs Redis >= 5, where scripts replicate their effects rather than the script itself).
-- Every key is in the same database of one Redis (no cluster), so a multi-key script is fine.
--
-- KEYS[i]      one bucket (hash with fields tokens, ts)
-- ARGV[2i-1]   capacity of bucket i (its burst)
-- ARGV[2i]     refill rate of bucket i, tokens per millisecond
-- returns      {allowed (1|0), then per bucket: remaining tokens, ms until one token, ms until full}
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local levels = {}
local allowed = 1
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local tokens = tonumber(state[1])
  local ts = tonumber(state[2])
  if tokens == nil or ts == nil then
    tokens = capacity
  else
    tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
  end
  levels[i] = tokens
  if tokens < 1 then
    allowed = 0
  end
end

local result = {allowed}
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local tokens = levels[i]
  if allowed == 1 then
    tokens = tokens - 1
  end
  local untilFull = math.ceil((capacity - tokens) / rate)
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'ts', tostring(now))
  -- a bucket that has refilled completely is the same as no bucket: let Redis drop it
  redis.call('PEXPIRE', KEYS[i], untilFull + 1000)
  result[#result + 1] = math.floor(tokens)
  result[#result + 1] = math.ceil(math.max(0, 1 - tokens) / rate)
  result[#result + 1] = untilFull
end
return result
