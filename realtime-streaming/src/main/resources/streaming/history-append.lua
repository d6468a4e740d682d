-- Appends one event to the streaming history, exactly once per event id, and tells its offset.
--
-- Every streaming replica receives every pub/sub notification and calls this; the first call for an
-- event id appends it, later ones (other replicas) get the offset already assigned. So offsets are
-- one sequence for all replicas without electing an appender, and a replica that is down loses nothing
-- as long as another one runs. Atomic (one script), so two replicas never both append.
--
-- The entry id is "<offset>-0": offsets are dense and increasing, so a client's position is also a
-- stream id and recovery is one XRANGE. The epoch names this incarnation of the history: when it is
-- missing (Redis restarted empty, or someone deleted it) a new one starts and old offsets mean nothing.
--
-- KEYS[1] history stream   KEYS[2] offset counter   KEYS[3] epoch   KEYS[4] dedup key of this event id
-- ARGV[1] envelope JSON    ARGV[2] max length       ARGV[3] max age (ms)
-- ARGV[4] epoch to use if none exists              ARGV[5] dedup key lifetime (s)
-- returns {appended (1|0), offset, epoch}
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  epoch = ARGV[4]
  redis.call('SET', KEYS[3], epoch)
  redis.call('DEL', KEYS[1], KEYS[2])
end
local seen = redis.call('GET', KEYS[4])
if seen then
  return {0, tonumber(seen), epoch}
end
local offset = redis.call('INCR', KEYS[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], offset .. '-0', 'e', ARGV[1], 't', now)
redis.call('SET', KEYS[4], offset, 'EX', ARGV[5])
-- age limit: drop a few expired entries from the head per append, which outpaces the appends
local oldest = now - tonumber(ARGV[3])
for _ = 1, 8 do
  local head = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  if #head == 0 or tonumber(head[1][2][4]) >= oldest then
    break
  end
  redis.call('XDEL', KEYS[1], head[1][1])
end
return {1, offset, epoch}
