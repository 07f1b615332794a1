"""traktkit.cli"""
