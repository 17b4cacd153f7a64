"""Passwords anyone would try first, and the development account that has one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password

# `make run` creates this account (DEBUG on, PUBLIC_URL on this machine) so a developer can
# log in at once; nowhere else may it exist.
DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "admin"  # noqa: S105 - well known on purpose, and listed below

# Short on purpose: `check --deploy` hashes each of them against every active account, at
# about half a second a hash.
WELL_KNOWN_PASSWORDS = (DEV_ADMIN_PASSWORD, "password", "changeme")


def accounts_with_well_known_passwords():
    """[(username, password), ...] of the active accounts whose password is a well-known one."""
    User = get_user_model()
    found = []
    for user in User.objects.filter(is_active=True).order_by(User.USERNAME_FIELD):
        # The hasher function, not user.check_password(): that one saves an upgraded hash,
        # and a check must not write.
        password = next(
            (known for known in WELL_KNOWN_PASSWORDS if check_password(known, user.password)),
            None,
        )
        if password is not None:
            found.append((user.get_username(), password))
    return found
