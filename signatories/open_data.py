"""Open data: the published signatory list as /signatories.json and /signatories.csv.

Only what the public page already shows: published signatories, with their name, heading,
note and website. Never contact details, cities, requests or unpublished listings.

Each file is built once per cache generation (campaign.caching); browsers and proxies may
keep it for MAX_AGE seconds.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from campaign.caching import cached

from .choices import State
from .models import Signatory
from .spreadsheets import neutralise_formula

FIELDS = ("name", "level", "state", "state_name", "note", "website")
MAX_AGE = 300


def public_records():
    signatories = Signatory.objects.published().only(
        "name", "level", "state", "note", "website", "group_rank", "sort_key"
    )
    return [
        {
            "name": signatory.name,
            "level": signatory.level,
            "state": signatory.state,
            "state_name": str(State(signatory.state).label) if signatory.state else "",
            "note": signatory.note,
            "website": signatory.website,
        }
        for signatory in signatories
    ]


def build_json():
    records = public_records()
    document = {
        "count": len(records),
        "generated": timezone.now().isoformat(timespec="seconds"),
        "signatories": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def build_csv():
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for record in public_records():
        writer.writerow({name: neutralise_formula(value) for name, value in record.items()})
    return output.getvalue()


FORMATS = {
    "json": (build_json, "application/json"),
    "csv": (build_csv, "text/csv; charset=utf-8"),
}


def open_data_response(kind):
    build, content_type = FORMATS[kind]
    body = cached(f"open-data:{kind}", build)
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # Open data: any website may fetch it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    if kind == "csv":
        response["Content-Disposition"] = 'inline; filename="signatories.csv"'
    return response


@require_safe
def signatories_json(request):
    return open_data_response("json")


@require_safe
def signatories_csv(request):
    return open_data_response("csv")
