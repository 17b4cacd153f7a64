"""The join form in Spanish: labels, state order, validation and duplicate messages, the
thank-you page, and emails sent in the language of the request."""

import re

import pytest
from django.core import mail
from django.utils import translation

from signatories.joining.email_tasks import send_acknowledgment
from signatories.models import JoinRequest

from ..factories import JoinRequestFactory
from ..helpers import post_data

pytestmark = pytest.mark.usefixtures("seeded_module")

VALID = {
    "name": "Casa Latina",
    "state": "NC",
    "city": "Durham",
    "website": "",
    "contact_name": "María Ejemplo",
    "contact_email": "maria@example.org",
    "consent": "on",
}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def send(url, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, post_data(VALID, **changes))

    return send


@pytest.mark.django_db
def test_spanish_join_form_has_spanish_labels_and_states_in_spanish_order(client, bilingual_site):
    html = client.get("/es/join/").content.decode()
    assert '<label for="id_name">Nombre de la organización</label>' in html
    assert "Correo electrónico de contacto" in html
    assert "Enviar solicitud" in html
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', html)
    labels = [label for _, label in options]
    assert labels[0] == "Nacional"
    assert labels.index("Carolina del Norte") < labels.index("Colorado")


@pytest.mark.django_db
def test_spanish_validation_errors(client, bilingual_site):
    response = client.post(
        "/es/join/", post_data(VALID, name="", contact_email="nope", consent=None)
    )
    html = response.content.decode()
    assert response.status_code == 200
    # Django's and Wagtail's own Spanish catalogs word the required message differently.
    assert re.search(r'id="id_name_error"><li>Este campo es (obligatorio|necesario)\.</li>', html)
    assert "Introduzca una dirección de correo electrónico válida." in html
    assert "Confirme que su organización está de acuerdo, por favor." in html
    assert "This field is required." not in html
    assert not JoinRequest.objects.exists()


@pytest.mark.django_db
def test_spanish_duplicate_message_names_the_spanish_heading(client, bilingual_site):
    html = client.post("/es/join/", post_data(VALID, name="El Pueblo")).content.decode()
    assert "El Pueblo ya firmó la declaración en Carolina del Norte. ¡Gracias!" in html


@pytest.mark.django_db
def test_spanish_submission_thanks_and_acknowledges_in_spanish(client, bilingual_site, send):
    response = send("/es/join/")

    assert response.status_code == 302
    assert response["Location"] == "/es/join/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Volver a la declaración" in thanks
    assert '<html lang="es">' in thanks

    join_request = JoinRequest.objects.get()
    assert join_request.language == "es"
    acknowledgment = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert acknowledgment.subject == "Recibimos su solicitud para firmar la declaración"
    assert acknowledgment.body.startswith("Hola:")
    assert (
        "Gracias por pedir que agreguemos a Casa Latina (Carolina del Norte)" in acknowledgment.body
    )
    assert "El enlace funciona durante 7 días." in acknowledgment.body
    assert re.search(r"http://\S+/es/join/confirm/\S+/", acknowledgment.body)
    # Editors read the default language.
    notice = next(m for m in mail.outbox if m.to == ["editors@example.org"])
    assert notice.subject == "1 new request to review"
    assert "Join: Casa Latina (North Carolina)" in notice.body


@pytest.mark.django_db
def test_worker_sends_in_the_request_language_not_its_own(bilingual_site):
    spanish = JoinRequestFactory(name="Grupo Uno", state="NY", language="es")
    english = JoinRequestFactory(name="Group Two", state="NY", language="en")
    mail.outbox.clear()

    with translation.override("en"):
        send_acknowledgment.call(spanish.pk)
    with translation.override("es"):
        send_acknowledgment.call(english.pk)

    by_name = {m.to[0]: m for m in mail.outbox}
    assert by_name[spanish.contact_email].subject == (
        "Recibimos su solicitud para firmar la declaración"
    )
    assert "(Nueva York)" in by_name[spanish.contact_email].body
    assert (
        by_name[english.contact_email].subject == "We received your request to sign the statement"
    )
    assert "(New York)" in by_name[english.contact_email].body
    assert "/es/join/confirm/" not in by_name[english.contact_email].body


@pytest.mark.django_db
def test_english_submission_stays_english(client, bilingual_site, send):
    response = send("/join/")
    assert response["Location"] == "/join/thanks/"
    assert JoinRequest.objects.get().language == "en"
    acknowledgment = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert acknowledgment.subject == "We received your request to sign the statement"


@pytest.mark.django_db
def test_review_flags_are_stored_in_english_from_a_spanish_form(bilingual_site, send):
    send("/es/join/", name="Casa\u200bLatina")
    flags = JoinRequest.objects.get().review_reasons
    assert flags and flags[0].startswith("Invisible or text-direction characters")


@pytest.mark.django_db
def test_spanish_confirmation_page_errors(client, bilingual_site):
    html = client.get("/es/join/confirm/not-a-token/").content.decode()
    assert "Este enlace de confirmación no es válido." in html
