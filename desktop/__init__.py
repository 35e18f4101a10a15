"""Newsdesk: read news closely. Who is named, who said what, in a library on your own disk."""

__version__ = "0.1.0"
