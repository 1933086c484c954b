"""Writes of the activity registers: one module per register, each service checks role, area and links."""
