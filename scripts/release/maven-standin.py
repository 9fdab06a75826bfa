"""A local stand-in of a CodeArtifact Maven repository, for the release check only.

PUT stores a file under ROOT, GET and HEAD serve it; every request must carry HTTP Basic
credentials of user "aws" with the token in $STANDIN_TOKEN, the scheme CodeArtifact's Maven
endpoint uses (the token being a CodeArtifact authorization token there). Listens on 127.0.0.1.

    STANDIN_TOKEN=... python3 maven-standin.py ROOT PORT
"""
import base64
import http.server
import os
import sys


def main() -> None:
    root, port = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    expected = "Basic " + base64.b64encode(f"aws:{os.environ['STANDIN_TOKEN']}".encode()).decode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _authorised(self) -> bool:
            if self.headers.get("Authorization") == expected:
                return True
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="maven"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False

        def _file(self):
            relative = os.path.normpath(self.path.split("?", 1)[0].lstrip("/"))
            if relative.startswith("..") or os.path.isabs(relative):
                self.send_error(400, "path outside the repository")
                return None
            return os.path.join(root, relative)

        def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if not self._authorised():
                return
            path = self._file()
            if path is None:
                return
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(body)
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _serve(self, with_body: bool) -> None:
            if not self._authorised():
                return
            path = self._file()
            if path is None:
                return
            if not os.path.isfile(path):
                self.send_error(404)
                return
            with open(path, "rb") as src:
                data = src.read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if with_body:
                self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._serve(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(False)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            sys.stderr.write("maven stand-in: " + (format % args) + "\n")

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
