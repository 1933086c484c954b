"""Core: audit events, application errors, periods, request context."""
