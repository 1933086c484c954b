"""Accounts management commands."""
