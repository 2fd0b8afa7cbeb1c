"""Front ends: the terminal and Discord; they turn input into engine calls and replies into output."""
