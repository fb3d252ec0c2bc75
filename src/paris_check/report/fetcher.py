"""A WeasyPrint URL fetcher that serves only the report's own files (fonts, stylesheet).

Questionnaire text is escaped by the templates, so it should never become markup; this fetcher
is the second line of defence: whatever URL reaches WeasyPrint, nothing outside the report
package is read and nothing is fetched from the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

REPORT_DIR = Path(__file__).resolve().parent
_TYPES = {".ttf": "font/ttf", ".css": "text/css", ".svg": "image/svg+xml"}


class RefusedURL(ValueError):
    """A URL the report may not fetch."""


class PackageOnlyFetcher(URLFetcher):
    """Serve ``file:`` URLs inside the report package; refuse everything else.

    ``attempts`` records every URL WeasyPrint asked for, ``refused`` those that were denied.
    """

    def __init__(self, root: Path = REPORT_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()
        self.attempts: list[str] = []
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """The local file for ``url``, or :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"the report may not fetch {url!r}")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or path.suffix not in _TYPES or not path.is_file():
            raise RefusedURL(f"the report may not read {url!r}")
        return path

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.attempts.append(url)
        try:
            path = self.resolve(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": _TYPES[path.suffix]})
