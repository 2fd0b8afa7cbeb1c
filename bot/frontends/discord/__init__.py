"""Discord front end: turns Discord events into engine calls and engine replies into messages."""
