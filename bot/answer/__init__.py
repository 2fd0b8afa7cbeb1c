"""The engine front ends call: one builder per kind of answer, composed in one place."""
