"""Demo and synthetic data: accounts, villages, a synthetic registry and plans, and their load commands."""
