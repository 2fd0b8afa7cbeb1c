"""jobbot: text in, answer out, in packages named after the flow (see README, Layout)."""
