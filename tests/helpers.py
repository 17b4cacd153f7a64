"""Small helpers shared by the public-form tests."""

from signatories.forms import sign_started_at


def post_data(valid, **changes):
    """``valid`` with a fresh ``started`` token and ``changes``; a change of None drops the
    field."""
    data = {**valid, "started": sign_started_at()}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
