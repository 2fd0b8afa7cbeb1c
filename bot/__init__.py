"""jobbot: text in, answer out, in packages named after the flow (see README, Layout)."""

import os

# numpy's bundled OpenBLAS starts a thread per core at import; jobbot does no linear algebra, and on a
# small machine those threads cost start-up time and memory (set the variable to override).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
