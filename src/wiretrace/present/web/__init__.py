"""The explorer: a server-rendered web page over a wiretrace database (FastAPI + Jinja2)."""
