"""Importing households and members from Excel or CSV: read, validate, preview, apply all at once."""
