"""Typed replies and how they are rendered: jinja2 templates, terminal and markdown text."""
