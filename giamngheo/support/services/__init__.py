"""Writes of support delivery, one module per subject: household plans, lists, the ledger, housing."""
