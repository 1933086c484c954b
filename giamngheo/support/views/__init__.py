"""Pages of support delivery, one module per subject."""
