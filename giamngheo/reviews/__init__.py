"""Review campaigns: listing, survey, meeting, posting, objections, decisions, transitions, reports."""
