"""Keep what an open long article built out of Python's full garbage collections.

Opening a 300,000-character article builds some 40,000 objects (annotation rows, marks,
suggestions) that live as long as it is open. CPython runs a full collection when the objects
that survived into the oldest generation grow by a quarter since the last one (the gc module's
documentation, "long-lived objects"), which after such an open is almost every open: each full
collection walked every live object and stopped the interpreter, GUI thread included, for
50-185 ms, and found nothing to free (measured over 21 opens of three long articles: 20 full
collections). The main window already moves what start-up built out of the walk (gc.freeze);
`settle` does the same for what an open built, once it is in place.

Objects that are moved out are still freed by reference counting when the next article replaces
them; only garbage in reference cycles among them waits until the window closes (closeEvent hands
everything back to the collector). Resident memory after 21 opens was the same either way.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect the young generations (recent cyclic garbage: about 1 ms), then move every object
    that survived out of the full collections (`gc.freeze`, which is O(1))."""
    gc.collect(1)
    gc.freeze()
