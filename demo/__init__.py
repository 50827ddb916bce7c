"""A guided tour of the whole API with the typed client: `python -m demo` (or `make demo`)."""

__all__: list[str] = []
