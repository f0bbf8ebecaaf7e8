"""Showing what was found: terminal ledgers and exports."""
