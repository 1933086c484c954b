"""Accounts: users, roles, area assignments, API tokens and the one access layer."""
