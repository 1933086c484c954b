"""Administrative geography: the effective-dated unit tree, unit attributes, old→new succession, villages."""
