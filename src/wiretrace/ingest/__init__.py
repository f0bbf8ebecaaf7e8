"""Read inputs into articles: text, HTML, JSON lines, CSV, feeds, directories and stdin."""

from .prepare import clean_text, prepare
from .raw import RawArticle
from .sources import expand_paths, read_source

__all__ = ["RawArticle", "clean_text", "expand_paths", "prepare", "read_source"]
