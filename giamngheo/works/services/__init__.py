"""Writes of the works app: infrastructure works and livelihood models."""
