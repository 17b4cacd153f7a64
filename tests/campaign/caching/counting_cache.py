"""A memory cache that counts the operations made on it: each would be one round trip to Redis."""

import threading

from django.core.cache.backends.locmem import LocMemCache

# Every operation a caller makes; those the base class makes inside one (get_many calling get)
# are part of it, not round trips of their own.
OPERATIONS = (
    "add", "get", "set", "touch", "delete", "has_key", "incr", "decr",
    "get_many", "set_many", "delete_many", "get_or_set", "clear",
)  # fmt: skip

calls = []
_depth = threading.local()


def _counted(name):
    def operation(self, *args, **kwargs):
        depth = getattr(_depth, "value", 0)
        if depth == 0:
            calls.append((self.alias_name, name))
        _depth.value = depth + 1
        try:
            return getattr(super(CountingCache, self), name)(*args, **kwargs)
        finally:
            _depth.value = depth

    operation.__name__ = name
    return operation


class CountingCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.alias_name = name

    locals().update({name: _counted(name) for name in OPERATIONS})
