"""Geo management commands."""
