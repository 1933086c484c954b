"""Pages of plans: the list and dashboard, entry on screen, the allocation editor, import from Excel."""
