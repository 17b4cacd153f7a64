"""Running ``seed_campaign`` in the seed's tests, and the note the seed file gives two names."""

from io import StringIO

from django.core.management import call_command

NOTE = "for identification purposes only"


def run_seed(*args):
    out = StringIO()
    call_command("seed_campaign", *args, stdout=out)
    return out.getvalue()
