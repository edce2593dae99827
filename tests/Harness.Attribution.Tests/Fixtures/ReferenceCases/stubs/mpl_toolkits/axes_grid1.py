"""Import-only stand-in (see _anystub)."""
from _anystub import __getattr__  # noqa: F401
