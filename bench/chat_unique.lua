-- wrk request: like chat.lua, but every request's message differs (a per-run prefix passed after `--`,
-- and a counter), so a server that caches answers by request bytes has to generate each one.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-0000000000000000000000000000000000000000"

local prefix = "run"
local counter = 0

init = function(args)
    prefix = args[1] or prefix
end

request = function()
    counter = counter + 1
    local body = '{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say this is test '
        .. prefix .. "-" .. counter .. '!"}], "max_tokens": 16}'
    return wrk.format(nil, nil, nil, body)
end
