"""Reading configuration from the environment: every variable the settings read goes through
these helpers, so a malformed value stops the process with a message naming it."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_rate(value, name):
    try:
        count, seconds = (int(part) for part in value.split("/"))
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must look like '5/600' (count/seconds), got {value!r}"
        ) from exc
    return count, seconds


def env_rate(name, default):
    """A "count/seconds" rate, e.g. "5/600"."""
    return parse_rate(env_str(name, default), name)
