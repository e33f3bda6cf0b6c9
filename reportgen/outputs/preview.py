"""Live preview for template editors: serve the report's HTML on 127.0.0.1, re-rendered on change.

Standard library only: http.server serves the page, and a small script in the page asks
every second whether any template, workbook or settings file has a new modification time;
when one has, the page reloads and the report is rendered again. A mistake in a template
or the data shows on the page, in Vietnamese, instead of stopping the server.
"""

import hashlib
import html
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reportgen import messages as msg
from reportgen.errors import ConfigError, ProblemsFound, ReportgenError
from reportgen.report.render import BUILTIN_TEMPLATES, render_html

log = logging.getLogger(__name__)

VERSION_PATH = "/__version"
POLL_MS = 1000
_SCRIPT = """<script>
(function () {
  var seen = "%(version)s";
  function poll() {
    fetch("%(path)s", {cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : seen; })
      .then(function (v) {
        if (v !== seen) { location.reload(); } else { setTimeout(poll, %(ms)d); }
      })
      .catch(function () { setTimeout(poll, %(ms)d); });
  }
  setTimeout(poll, %(ms)d);
})();
</script>"""


def watched_signature(paths: list[Path]) -> str:
    """Return a token that changes whenever a file under the paths is added, removed or saved."""
    entries = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in files:
            if path.is_file() and not path.name.startswith((".", "~$")):
                stat = path.stat()
                entries.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha1("\n".join(entries).encode("utf-8")).hexdigest()[:16]


ERROR_TEMPLATE = "loi-xem-truoc.html.j2"


@dataclass(frozen=True)
class ErrorPage:
    """The names templates/loi-xem-truoc.html.j2 reads (its opening comment says what)."""

    data_errors: bool  # the data has errors; otherwise a template (or something else) failed
    lines: tuple[str, ...]  # the messages, each located to its file, line or cell


def error_page(lines: list[str], data_errors: bool = False) -> str:
    """Return the page that shows what stopped the render, worded by its template.

    The template is always the built-in one, never the user's: the mistake may be in theirs.
    It renders as the report does (in a child, sandboxed, escaped). Should even that fail (an
    installation edited by hand), the messages still show, escaped, on a bare page.
    """
    page = ErrorPage(data_errors, tuple(lines))
    try:
        return render_html(page, [BUILTIN_TEMPLATES], ERROR_TEMPLATE) + "\n"
    except ReportgenError as exc:
        log.warning("preview error page failed: %s", exc)
        text = html.escape("\n".join([*lines, str(exc)]))
        return f'<!DOCTYPE html>\n<html lang="vi">\n<meta charset="utf-8">\n<pre>{text}</pre>\n'


def _problem_lines(exc: Exception) -> list[str]:
    if isinstance(exc, ProblemsFound):
        return [f"[{p.severity}] {p.text()}" for p in exc.problems if p.is_error]
    if isinstance(exc, ConfigError):
        return list(exc.messages)
    return [str(exc)]


@dataclass
class Preview:
    """The page being served, rendered again when the watched files change."""

    render: Callable[[], str]  # returns the report's HTML; may raise ReportgenError
    watched: list[Path]
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _version: str = ""
    _page: str = ""

    def version(self) -> str:
        """Return the current token of the watched files."""
        return watched_signature(self.watched)

    def page(self) -> str:
        """Return the page for the files as they are now, rendering only when they changed."""
        with self._lock:
            version = self.version()
            if version != self._version or not self._page:
                self._page = self._render()
                self._version = version
            return self._inject(self._page, self._version)

    def _render(self) -> str:
        try:
            return self.render()
        except ProblemsFound as exc:
            return error_page(_problem_lines(exc), data_errors=True)
        except ReportgenError as exc:
            return error_page(_problem_lines(exc))
        except Exception as exc:  # the server must keep running whatever the render does
            log.exception("preview render failed")
            return error_page([msg.UNEXPECTED.format(error=exc)])

    @staticmethod
    def _inject(page: str, version: str) -> str:
        script = _SCRIPT % {"version": version, "path": VERSION_PATH, "ms": POLL_MS}
        if "</body>" in page:
            return page.replace("</body>", script + "\n</body>", 1)
        return page + script


def make_server(preview: Preview, port: int = 8000, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Return an HTTP server (not started) that serves the preview; port 0 picks a free one."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path == VERSION_PATH:
                self._send(preview.version(), "text/plain; charset=utf-8")
            elif self.path in ("/", "/index.html"):
                self._send(preview.page(), "text/html; charset=utf-8")
            elif self.path == "/favicon.ico":
                self.send_response(204)
                self.end_headers()
            else:
                self.send_error(404)

        def _send(self, text: str, kind: str) -> None:
            body = text.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 (http.server's name)
            log.debug("preview: " + format, *args)

    return ThreadingHTTPServer((host, port), Handler)
