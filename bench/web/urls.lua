-- wrk script: each request takes the next path from the file named by the
-- environment variable PATHS (one path per line), round-robin.
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
