"""Template tags of the registry."""
