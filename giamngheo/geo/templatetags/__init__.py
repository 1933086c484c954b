"""Template tags of geo."""
