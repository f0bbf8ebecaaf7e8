"""Reference data and lookups: people, organisations, outlets, places and their spellings."""

from .base import KnowledgeBase, Organization, Outlet, Person, Place
from .variants import fold

__all__ = ["KnowledgeBase", "Organization", "Outlet", "Person", "Place", "fold"]
