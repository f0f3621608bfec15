-- wrk script: like urls.lua (the next path of the file named by PATHS,
-- round-robin), each request sending If-None-Match with the file's hash,
-- its ETag, so a kept file is answered 304 Not Modified.
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
end
request = function()
  i = i % #paths + 1
  local hash = paths[i]:match("/files/(%x+)%.")
  return wrk.format("GET", paths[i], { ["If-None-Match"] = '"' .. hash .. '"' })
end
