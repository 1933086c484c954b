"""Management commands of demo."""
