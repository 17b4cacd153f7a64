"""A CDN that answers PURGE on a local socket, for the tests of front-end cache purges."""

import http.server


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """Answers PURGE like Varnish does and remembers what it was asked to drop."""

    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def paths(purged):
    return {path for _, path in purged}
