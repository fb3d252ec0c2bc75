"""The web application: routes, and the checks every request goes through.

Security (the application is meant for one person on their own computer):

* every request must carry the run's secret token: in the URL (``?token=``, as the command
  prints it; the page then moves it into a cookie and drops it from the address), in the cookie
  (``paris_check_<port>``, HttpOnly, SameSite=Strict) or in an ``X-Paris-Check-Token`` header;
* the ``Host`` header must name this computer (127.0.0.1, localhost, ::1 or the address the
  server listens on): a page on another site that points its own name at 127.0.0.1 (DNS
  rebinding) is refused;
* every write (POST) must carry the page's CSRF token, and an ``Origin`` header, when sent, must
  be this server's; cross-site fetches (``Sec-Fetch-Site``) are refused;
* the only file written is the questionnaire given on the command line: no path comes from
  the browser;
* responses forbid framing, inline scripts and styles, and referrers (the token never leaves in
  a ``Referer``); an unexpected error gives a one-line page, never a traceback.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MultiDict
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from ..errors import ParisCheckError
from ..i18n import available_languages
from ..questionnaire.catalogue import questions, sections
from . import form, views
from .messages import GUIDE_URL, ITEM_LABELS, NOTICES, WebText
from .store import QuestionnaireFile, SaveResult, Snapshot

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

WEB_DIR = Path(__file__).resolve().parent
STATIC = WEB_DIR / "static"
FONTS = WEB_DIR.parent / "report" / "fonts"
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY = 1_000_000
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
         "markdown": "text/markdown; charset=utf-8", "json": "application/json",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
EXTENSIONS = {"pdf": ".pdf", "html": ".html", "markdown": ".md", "json": ".json", "docx": ".docx"}


@dataclass
class Settings:
    """One run of the server."""

    path: Path
    lang: str = "en"
    port: int = 0
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    debug: bool = False

    @property
    def cookie(self) -> str:
        """The cookie's name: one per port, so two servers on one computer do not mix."""
        return f"paris_check_{self.port}"

    def url(self) -> str:
        """The address to open, with the token."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


def _refusal(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(f"paris-check serve: {message}\n", status_code=status)


class Guard:
    """ASGI middleware: Host, token and origin checks, security headers, no tracebacks."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _allowed_host(self, value: str | None) -> bool:
        if not value:
            return False
        host, _, port = value.rpartition(":") if not value.endswith("]") else (value, "", "")
        if not host or (port and not port.isdigit()):
            host, port = value, ""
        host = host.strip("[]").lower()
        allowed = set(LOCAL_NAMES)
        if self.settings.host not in ("0.0.0.0", "::", ""):
            allowed.add(self.settings.host.lower())
        return host in allowed

    def _token_ok(self, scope: Scope, headers: Headers) -> tuple[bool, bool]:
        """(token present and right, it came in the query string)."""
        expected = self.settings.token
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None:
            return secrets.compare_digest(given, expected), True
        header = headers.get("x-paris-check-token")
        if header is not None:
            return secrets.compare_digest(header, expected), False
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.settings.cookie:
                return secrets.compare_digest(value, expected), False
        return False, False

    def _cross_site(self, scope: Scope, headers: Headers) -> bool:
        if scope["method"] in ("GET", "HEAD"):
            return False
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{headers.get('host')}":
            return True
        return headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                raw = list(message.get("headers", []))
                for name, value in SECURITY_HEADERS.items():
                    raw.append((name.encode(), value.encode()))
                if not scope["path"].startswith("/static/"):
                    raw.append((b"cache-control", b"no-store"))
                message["headers"] = raw
            await send(message)

        if not self._allowed_host(headers.get("host")):
            response: Response = _refusal(
                421, "refused: this server answers only requests addressed to this computer "
                     "(127.0.0.1 or localhost)")
            await response(scope, receive, send_with_headers)
            return
        ok, in_query = self._token_ok(scope, headers)
        if not ok:
            response = _refusal(403, "refused: open the address that `paris-check serve` "
                                     "printed (it holds this run's token)")
            await response(scope, receive, send_with_headers)
            return
        if self._cross_site(scope, headers):
            response = _refusal(403, "refused: a change must come from this server's own page")
            await response(scope, receive, send_with_headers)
            return
        if in_query and scope["method"] in ("GET", "HEAD"):
            # Keep the token out of the address bar and the history: a cookie carries it on.
            rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
                    if k != "token"]
            target = scope["path"] + ("?" + urlencode(rest) if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.settings.cookie, self.settings.token, httponly=True,
                                samesite="strict", path="/")
            await response(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # the one place that turns errors into a page
            line = (exc.one_line() if isinstance(exc, ParisCheckError)
                    else f"internal error: {type(exc).__name__}: {exc}")
            print(f"paris-check serve: {line}", file=sys.stderr)
            if self.settings.debug:
                import traceback

                traceback.print_exception(exc)
            if not started:
                await _refusal(500, line)(scope, receive, send_with_headers)


class Web:
    """The routes, over one questionnaire file."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.file = QuestionnaireFile(settings.path)

    # --- helpers ---

    def _lang(self, request: Request) -> str:
        lang = request.query_params.get("lang", "")
        return lang if lang in available_languages() else self.settings.lang

    def _link(self, lang: str) -> views.Link:
        return views.Link(lang, self.settings.lang)

    def _lang_href(self, request: Request) -> Callable[[str], str]:
        def href(code: str) -> str:
            rest = [(k, v) for k, v in request.query_params.multi_items()
                    if k not in ("lang", "notice")]
            if code != self.settings.lang:
                rest.append(("lang", code))
            return request.url.path + ("?" + urlencode(rest) if rest else "")
        return href

    def _common(self, request: Request, text: WebText) -> dict[str, Any]:
        return {"file": str(self.settings.path), "guide": GUIDE_URL,
                "languages": views.languages(self._lang_href(request), text.lang)}

    @staticmethod
    def _known(section: str) -> bool:
        """A section of the questionnaire, or the justifications page."""
        return section == views.JUSTIFICATIONS or views.section_info(section) is not None

    def _problem(self, request: Request, status: int, heading: str, paragraphs: list[str],
                 lines: list[str] | None = None, retry: str | None = None) -> HTMLResponse:
        text = WebText(self._lang(request))
        return _html(views.render("problem.html.j2", text, heading=heading,
                                  paragraphs=paragraphs, lines=lines or [], retry=retry,
                                  notice=None, **self._common(request, text)), status)

    def _broken(self, request: Request, snapshot: Snapshot, text: WebText) -> HTMLResponse:
        return self._problem(
            request, 200, text("The file does not pass the check"),
            [text("The form can show the file only once it passes `paris-check validate`. "
                  "Correct these lines in your text editor and save the file, then check "
                  "again.")],
            views.error_lines(snapshot.errors), retry=request.url.path +
            (f"?lang={text.lang}" if text.lang != self.settings.lang else ""))

    def _snapshot(self) -> Snapshot:
        return self.file.snapshot()

    # --- routes ---

    async def home(self, request: Request) -> Response:
        first = sections()[0].id
        return RedirectResponse(self._link(self._lang(request)).section(first), status_code=303)

    def page(self, request: Request) -> Response:
        section = request.path_params["section"]
        text = WebText(self._lang(request))
        if not self._known(section):
            return self._not_found(request)
        snapshot = self._snapshot()
        if not snapshot.valid:
            return self._broken(request, snapshot, text)
        notice_key = request.query_params.get("notice", "")
        notice = text(NOTICES[notice_key]) if notice_key in NOTICES else None
        return _html(self._page(request, text, section, snapshot, notice=notice))

    def _page(self, request: Request, text: WebText, section: str, snapshot: Snapshot, *,
              entries: dict[str, form.Entry] | None = None,
              errors: dict[str, list[str]] | None = None, notice: str | None = None,
              problems: list[str] | None = None, problems_title: str = "") -> str:
        info = views.section_info(section)
        link = self._link(text.lang)
        order = [s.id for s in sections()]
        nxt: dict[str, str] | None = None
        if info is not None:
            i = order.index(section)
            nxt = ({"href": link.section(sections()[i + 1].id),
                    "title": views.section_title(sections()[i + 1], text)}
                   if i + 1 < len(order) else
                   {"href": link.section(views.JUSTIFICATIONS),
                    "title": text("Justifications of known gaps")})
        return views.render(
            "page.html.j2", text,
            section={"id": section, "title": views.section_title(info, text) if info
                     else text("Justifications of known gaps")},
            sections=views.nav(snapshot, text, link, section),
            jnav=views.nav_justifications(snapshot, link, section),
            questions=(views.question_views(info, snapshot, text, link, entries, errors)
                       if info else []),
            justifications=(views.justification_views(snapshot, text, link, entries, errors)
                            if info is None else []),
            f=views.findings(snapshot, text, link, section),
            kinds=views.evidence_kinds(text), formats=views.report_formats(text),
            item_label=lambda item: (text(ITEM_LABELS[item.name]) if item.name in ITEM_LABELS
                                     else item.label),
            csrf=self.settings.csrf, base=snapshot.digest, notice=notice,
            problems=problems or [], problems_title=problems_title,
            action=link.section(section), here=link.section(section),
            state_url="/api/state", next=nxt,
            **self._common(request, text))

    async def _form(self, request: Request) -> MultiDict | None:
        if request.headers.get("content-type", "").split(";")[0].strip() \
                != "application/x-www-form-urlencoded":
            return None
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return None
        try:
            return MultiDict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            return None

    async def save(self, request: Request) -> Response:
        section = request.path_params["section"]
        info = views.section_info(section)
        wants_json = "application/json" in request.headers.get("accept", "")
        text = WebText(self._lang(request))
        data = await self._form(request)
        if not self._known(section):
            return self._not_found(request)
        if data is None:
            return _refusal(400, "a change must be sent by the page's form")
        if not secrets.compare_digest(data.get("csrf", ""), self.settings.csrf):
            return _refusal(403, "refused: the form is not this server's (CSRF token)")
        entries = {**form.submitted(data, info.questions if info else ()),
                   **form.submitted_justifications(data)}
        try:
            result = await run_in_threadpool(self.file.save, data.get("base", ""), entries)
        except ParisCheckError as exc:  # the file cannot be read or written
            if wants_json:
                return JSONResponse({"status": "error", "message": exc.one_line(),
                                     "errors": {}, "problems": [exc.one_line()],
                                     "questions": sorted(entries), "reload": False},
                                    status_code=500)
            return self._problem(request, 500, text("The answers could not be saved"),
                                 [exc.one_line()])
        if wants_json:
            return self._json(request, text, section, result, entries)
        link = self._link(text.lang)
        if result.status in ("saved", "unchanged") and not result.errors and not result.general:
            notice = (("merged" if result.status == "saved" else "outside") if result.merged
                      else result.status)
            target = link.section(section).split("#")[0]
            sep = "&" if "?" in target else "?"
            return RedirectResponse(f"{target}{sep}notice={notice}", status_code=303)
        status, problems, title = self._outcome(result, text)
        keep = {qid: e for qid, e in entries.items() if qid in result.errors}
        page = self._page(request, text, section, result.snapshot, entries=keep,
                          errors=result.errors, problems=problems, problems_title=title)
        return _html(page, status)

    def _outcome(self, result: SaveResult, text: WebText) -> tuple[int, list[str], str]:
        """HTTP status, messages and heading for a save that did not write everything."""
        tr = text.tr
        if result.status == "conflict":
            names = [tr.question(q, "label", questions()[q].label) if q in questions()
                     else text("Justification of %(code)s", code=q.split(".", 1)[1])
                     for q in result.conflicts]
            return 409, names, text(
                "Not saved: these answers were changed in the file by another program after "
                "the page was loaded. Reload the page to see the file's version, then enter "
                "your answer again if it should replace it")
        if result.status == "stale":
            return 409, [], text("Not saved: the page was out of date. Reload it to see the "
                                 "file as it is now, then enter your answer again")
        if result.status == "broken":
            return 409, list(result.general), text(
                "Not saved: the file no longer passes the check (it was changed in another "
                "program). Correct it in your text editor, then reload the page")
        lines = [line for qid in result.errors for line in result.errors[qid]]
        return 422, [*lines, *result.general], text(
            "Some answers were not saved: they would not pass the check. The message is "
            "beside each question")

    def _json(self, request: Request, text: WebText, section: str, result: SaveResult,
              entries: dict[str, form.Entry]) -> JSONResponse:
        link = self._link(text.lang)
        snapshot = result.snapshot
        status, problems, title = (200, [], "") if result.status in ("saved", "unchanged") \
            and not result.general else self._outcome(result, text)
        if result.status in ("saved", "unchanged") and result.errors:
            status = 422
        message = (text(NOTICES["saved"]) if result.status == "saved" and not result.errors
                   else text(NOTICES["unchanged"]) if result.status == "unchanged"
                   else title + (": " + "; ".join(problems)
                                 if result.status in ("conflict", "broken") else "")
                   + (": " + "; ".join(result.general)
                      if result.status == "invalid" and result.general else ""))
        body: dict[str, Any] = {
            "status": result.status, "digest": snapshot.digest, "message": message,
            "errors": result.errors, "problems": problems, "questions": sorted(entries),
            # Merged into a version the page has not shown: show it (the notice says why).
            "reload": result.merged and result.status == "saved",
            # The page is out of date: say so beside the form (the user reloads).
            "outside": result.status in ("conflict", "stale", "broken"),
        }
        if snapshot.valid:
            body["findings"] = views.render("findings.html.j2", text,
                                            f=views.findings(snapshot, text, link, section))
            body["nav"] = views.render("nav.html.j2", text,
                                       sections=views.nav(snapshot, text, link, section),
                                       jnav=views.nav_justifications(snapshot, link, section))
        if body["reload"]:
            target = link.section(section)
            body["location"] = target + ("&" if "?" in target else "?") + "notice=merged"
        return JSONResponse(body, status_code=status)

    def state(self, request: Request) -> Response:
        return JSONResponse({"digest": self._snapshot().digest})

    def report(self, request: Request) -> Response:
        from ..api import render

        fmt = request.query_params.get("format", "pdf")
        lang = request.query_params.get("lang", self.settings.lang)
        text = WebText(self._lang(request))
        if fmt not in MEDIA or lang not in available_languages():
            return self._problem(request, 400, text("No such report"),
                                 [text("Choose a format and a language in the form.")])
        snapshot = self._snapshot()
        if not snapshot.valid or snapshot.assessment is None:
            return self._broken(request, snapshot, text)
        data = render(snapshot.assessment, fmt, lang=lang,  # type: ignore[arg-type]
                      questionnaire=snapshot.questionnaire)
        name = (self.settings.path.stem or "questionnaire") + EXTENSIONS[fmt]
        ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_"
                             for c in name)
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
        return Response(data, media_type=MEDIA[fmt],
                        headers={"content-disposition": disposition})

    def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        folder, _, leaf = name.rpartition("/")
        base = {"": STATIC, "fonts": FONTS}.get(folder)
        allowed = {".css", ".js"} if folder == "" else {".ttf"}
        path = base / leaf if base is not None else None
        if path is None or "/" in leaf or leaf.startswith(".") or path.suffix not in allowed \
                or not path.is_file():
            return self._not_found(request)
        return FileResponse(path, headers={"cache-control": "private, max-age=3600"})

    def _not_found(self, request: Request) -> HTMLResponse:
        text = WebText(self._lang(request))
        return self._problem(request, 404, text("No such page"),
                             [text("Go back to the form and choose a section.")],
                             retry=None)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self._not_found(request)

    async def failed(self, request: Request, exc: Exception) -> Response:
        """A known error (the file became unreadable, say): its one line, on a page."""
        text = WebText(self._lang(request))
        line = exc.one_line() if isinstance(exc, ParisCheckError) else str(exc)
        return self._problem(request, 500, text("Something went wrong"), [line])

    async def crashed(self, request: Request, exc: Exception) -> Response:
        """Any other error: one line, no traceback (the server's console gets the same line)."""
        return _refusal(500, f"internal error: {type(exc).__name__}: {exc}")


def create_app(path: str | Path, *, lang: str = "en", port: int = 0, host: str = "127.0.0.1",
               token: str | None = None, csrf: str | None = None,
               debug: bool = False) -> Guard:
    """The ASGI application that edits the questionnaire at ``path``.

    ``token`` and ``csrf`` default to new random values (tests pass their own); ``port`` and
    ``host`` are where the server listens (the cookie's name and the allowed Host use them).
    """
    settings = Settings(Path(path), lang=lang, port=port, host=host, debug=debug)
    if token is not None:
        settings.token = token
    if csrf is not None:
        settings.csrf = csrf
    web = Web(settings)
    routes = [
        Route("/", web.home, methods=["GET"]),
        Route("/s/{section}", web.page, methods=["GET"]),
        Route("/s/{section}", web.save, methods=["POST"]),
        Route("/api/state", web.state, methods=["GET"]),
        Route("/report", web.report, methods=["GET"]),
        Route("/static/{name:path}", web.static, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={
        404: web.not_found, 405: web.not_found, ParisCheckError: web.failed,
        Exception: web.crashed})
    app.state.settings = settings
    app.state.web = web
    return Guard(app, settings)
