"""Peak memory of the current process.

Linux keeps `ru_maxrss` across exec, so a child started by a big parent would report the
parent's peak; the kernel's own high-water mark for this process (VmHWM) does not.
"""

from __future__ import annotations

import resource


def peak_bytes() -> int:
    """This process's peak resident memory, in bytes."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
