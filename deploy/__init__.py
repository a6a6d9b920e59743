"""Serving many readers: the process supervisor behind ``make serve`` and the deployment recipes."""
