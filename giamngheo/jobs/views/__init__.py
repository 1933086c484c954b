"""Pages of the jobs app for the commune labour officer and the province employment centre."""
