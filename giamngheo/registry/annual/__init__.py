"""The province's annual run: read every household's facts, classify in bulk, write assessments, count."""
