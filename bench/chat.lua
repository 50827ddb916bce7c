-- wrk request: POST one chat completion with a bearer token, the same bytes every time, for every server.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-0000000000000000000000000000000000000000"
wrk.body = '{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say this is a test!"}], "max_tokens": 16}'
