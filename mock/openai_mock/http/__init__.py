"""The HTTP layer in front of the routes: gateway middleware, faults, rate limits, validation, responses, SSE."""
