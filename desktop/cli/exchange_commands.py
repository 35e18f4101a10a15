"""``newsdesk export`` and ``newsdesk import-annotations`` (written by the exchange work)."""
