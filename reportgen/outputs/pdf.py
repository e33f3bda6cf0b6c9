"""Render HTML to PDF with WeasyPrint, fetching nothing but our own assets."""

import datetime as dt
import hashlib
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from reportgen import messages as msg
from reportgen.errors import RenderError

log = logging.getLogger(__name__)


@contextmanager
def _pinned_clock(date: dt.date | None):
    """Pin every time WeasyPrint writes into the PDF to the report's date.

    fontTools stamps embedded fonts with the clock unless SOURCE_DATE_EPOCH is set, and
    WeasyPrint dates each file a template attaches (<link rel="attachment">) with
    datetime.now(); neither has an option, hence the environment and a module attribute.
    """
    import weasyprint

    day = date or dt.date(2000, 1, 1)
    moment = dt.datetime(day.year, day.month, day.day)

    class _ReportDate(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment if tz is None else moment.replace(tzinfo=dt.UTC).astimezone(tz)

    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    old_datetime = weasyprint.datetime
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.replace(tzinfo=dt.UTC).timestamp()))
    weasyprint.datetime = _ReportDate
    try:
        yield
    finally:
        weasyprint.datetime = old_datetime
        if old_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


_REFUSED = "reportgen refused to fetch"


class _DropRefusals(logging.Filter):
    """Drop WeasyPrint's English echo of a refusal we already reported in Vietnamese."""

    def filter(self, record: logging.LogRecord) -> bool:
        return _REFUSED not in record.getMessage()


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class AssetsOnlyFetcher(URLFetcher):
        """Serve data: URLs and files inside the allowed folders; refuse everything else."""

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols=("data", "file"))
            self.allowed = [p.resolve() for p in allowed]

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
                path = Path(unquote(parsed.path))
                path = path.resolve() if path.is_absolute() else None  # follows "..", links
                if path and any(path.is_relative_to(root) for root in self.allowed):
                    return super().fetch(url, headers)
            log.warning(msg.REFUSED_URL.format(url=url))
            raise ValueError(f"{_REFUSED} {url}")

    return AssetsOnlyFetcher


def render_pdf(html: str, asset_dirs: list[Path], date: dt.date | None) -> bytes:
    """Render an HTML string to PDF bytes, the same bytes for the same input."""
    import weasyprint  # heavy: imported only when a PDF is wanted

    fetcher = _fetcher_class()([d / "assets" for d in asset_dirs])
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    weasyprint_log = logging.getLogger("weasyprint")
    quiet = _DropRefusals()
    weasyprint_log.addFilter(quiet)
    try:
        with _pinned_clock(date):
            document = weasyprint.HTML(
                string=html, base_url=str(asset_dirs[-1]) + "/", url_fetcher=fetcher
            )
            return document.write_pdf(pdf_identifier=identifier)
    except Exception as exc:  # WeasyPrint has no single error class
        raise RenderError(str(exc)) from exc
    finally:
        weasyprint_log.removeFilter(quiet)
