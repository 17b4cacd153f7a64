"""Request limits on the production stack: gunicorn and the production settings.

Bodies go over a raw socket, so a test can send the headers of a 20 MB upload and none of
its body: the site has to answer without waiting for it, or the socket times out.
"""

import re
import socket
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

from playwright.sync_api import expect

from signatories.models import JoinRequest

from ..png_helpers import png, png_comment_inflating_to
from .conftest import log_in
from .stack import HOST

MB = 1024 * 1024


def browser_credentials(stack):
    """The CSRF cookie and form token a visit to the join form gives: what a browser sends."""
    cookies = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(stack.url + "/join/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)
    return [f"Cookie: {cookie}", f"Origin: {stack.url}"], token


def raw_post(stack, path, headers, body=b""):
    """The status code of a POST sent as written; only the response's head is read."""
    head = [f"POST {path} HTTP/1.1", f"Host: {HOST}:{stack.port}", "Connection: close", *headers]
    with socket.create_connection((HOST, stack.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        response = b""
        while b"\r\n\r\n" not in response:
            data = sock.recv(4096)
            if not data:
                break
            response += data
    return int(response.split(b" ", 2)[1])


def test_a_20_mb_upload_to_the_join_form_is_refused_from_its_headers(stack):
    credentials, token = browser_credentials(stack)
    boundary = "----upload"
    start = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="logo"; filename="logo.bin"\r\n\r\n'
    ).encode()
    headers = [
        f"Content-Type: multipart/form-data; boundary={boundary}",
        f"Content-Length: {20 * MB}",
        *credentials,
    ]

    # The headers and the first 64 KB only: answered at once, not after 20 MB that never come.
    assert raw_post(stack, "/join/", headers, start + b"x" * 65536) == 413
    assert stack.status("/join/") == 200


def test_a_join_form_sent_in_utf_16_is_a_400(stack):
    credentials, token = browser_credentials(stack)
    body = urlencode({"name": "Charset Coalition", "csrfmiddlewaretoken": token}).encode()
    headers = [
        "Content-Type: application/x-www-form-urlencoded; charset=utf-16",
        f"Content-Length: {len(body)}",
        *credentials,
    ]

    assert raw_post(stack, "/join/", headers, body) == 400
    assert not JoinRequest.objects.filter(name="Charset Coalition").exists()


def test_an_editor_uploading_a_png_that_inflates_too_far_sees_a_form_error(
    page, stack, people, tmp_path
):
    crafted = tmp_path / "poster.png"
    crafted.write_bytes(png(after_pixels=png_comment_inflating_to(16 * MB)))
    log_in(page, people["communications"])

    page.goto("/admin/images/add/")
    page.get_by_label("Title").fill("Poster")
    page.locator("input[type=file][name=file]").set_input_files(crafted)
    page.locator("form button[type=submit]").last.click()

    expect(page.get_by_text("Upload a valid image")).to_be_visible()
