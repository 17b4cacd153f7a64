"""Editors' accounts: no well-known password opens the admin, login failures are limited,
and password resets are throttled and sent by the task worker."""
