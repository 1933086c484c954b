"""Units a user works with: home, area switcher, unit tree and search, unit pages, villages, attributes."""
