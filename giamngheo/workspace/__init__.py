"""The officer's workspace: the home page of each role, with its work queue, key figures and charts."""
