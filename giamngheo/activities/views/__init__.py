"""Pages of the activity registers."""
