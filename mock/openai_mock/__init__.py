"""A stateful, deterministic mock of the 2023 OpenAI REST API.

The engine modules (``textgen``, ``embeddings``, ``store``, ...) know nothing of HTTP; the
web layer on top turns their values and ``errors.MockAPIError`` into responses. Nothing heavy
is imported here so that ``import openai_mock`` stays cheap.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
