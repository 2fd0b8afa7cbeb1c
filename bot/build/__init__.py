"""Build-time compilers that write knowledge files; never imported at run time."""
