"""Storage: the SQLite schema, migrations, and reads and writes of analysed articles."""

from .schema import SCHEMA_VERSION
from .database import Store

__all__ = ["SCHEMA_VERSION", "Store"]
