"""zsdk-generator: one OpenAPI document in, idiomatic SDKs out."""

__version__ = "0.1.0"
