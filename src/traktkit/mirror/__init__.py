"""traktkit.mirror"""
