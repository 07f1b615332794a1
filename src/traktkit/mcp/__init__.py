"""traktkit.mcp"""
