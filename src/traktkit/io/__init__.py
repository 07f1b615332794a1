"""traktkit.io"""
