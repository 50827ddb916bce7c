"""The API's routes: hand-written handlers per resource, and the spec-driven fallback for the rest."""
