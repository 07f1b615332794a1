"""traktkit.api"""
