"""Luoshi (落实): the platform with which a district runs its economic year."""
