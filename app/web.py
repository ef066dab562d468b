"""The sign-in pages of built-in accounts, served beside Streamlit (server.py mounts them).

A password never travels through Streamlit's websocket: /account/login is a plain form; on
success it sets an HttpOnly cookie with a random session token (its sha256 is in the store)
and sends the browser back where it came from. Each form carries a CSRF token that must match
a cookie of its own. Every sign-in, failure, lockout and sign-out is in the audit log.
"""
from __future__ import annotations

import html
import secrets
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

import store
from common import settings
from kpi.text import t

SESSION_COOKIE = "kpi_session"
CSRF_COOKIE = "kpi_csrf"
STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f6f7f9;color:#1d2733;
margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}form{background:#fff;padding:2em;
border:1px solid #d5dbe3;border-radius:8px;width:min(360px,90vw)}h1{font-size:1.4em;margin:0 0 1em}
label{display:block;margin:.8em 0 .3em}input{width:100%;box-sizing:border-box;padding:.5em;font-size:1em;
border:1px solid #b8c4d0;border-radius:4px}button{margin-top:1.2em;width:100%;padding:.6em;font-size:1em;
background:#1f5fa8;color:#fff;border:0;border-radius:4px;cursor:pointer}p.error{color:#a33c00}a{color:#1f5fa8}"""


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this site only, never another site."""
    value = value or "/"
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("kpi_lang") or settings.DEFAULT_LANG
    return lang if lang in ("zh", "en") else settings.DEFAULT_LANG


def _page(lang: str, title: str, body: str, csrf: str, status: int = 200) -> HTMLResponse:
    doc = (f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><meta name="viewport" '
           f'content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title><style>{STYLE}</style>'
           f"<body>{body}</body></html>")
    response = HTMLResponse(doc, status_code=status, headers={"Cache-Control": "no-store"})
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/account")
    return response


def _login_form(lang: str, nxt: str, message: str = "", status: int = 200) -> HTMLResponse:
    csrf = secrets.token_urlsafe(24)
    e = html.escape
    body = (f'<form method="post" action="/account/login?{e(urlencode({"lang": lang}))}">'
            f"<h1>{e(t('account.sign_in', lang))}</h1>"
            + (f'<p class="error" role="alert">{e(message)}</p>' if message else "")
            + f'<label for="u">{e(t("account.username", lang))}</label>'
            f'<input id="u" name="username" autocomplete="username" required autofocus>'
            f'<label for="p">{e(t("account.password", lang))}</label>'
            f'<input id="p" name="password" type="password" autocomplete="current-password" required>'
            f'<input type="hidden" name="csrf" value="{e(csrf)}"><input type="hidden" name="next" value="{e(nxt)}">'
            f'<button type="submit">{e(t("account.sign_in", lang))}</button>'
            f'<p><a href="{e(nxt)}">{e(t("account.back", lang))}</a></p></form>')
    return _page(lang, t("account.sign_in", lang), body, csrf, status)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def login(request: Request) -> Response:
    lang = _lang(request)
    if request.method == "GET":
        return _login_form(lang, safe_next(request.query_params.get("next")))
    form = await request.form()
    nxt = safe_next(form.get("next"))
    if not form.get("csrf") or form.get("csrf") != request.cookies.get(CSRF_COOKIE):
        return _login_form(lang, nxt, t("account.expired_form", lang), 400)
    try:
        db = await run_in_threadpool(store.open_store)
        actor = await run_in_threadpool(db.accounts.verify, str(form.get("username", "")), str(form.get("password", "")))
        token = await run_in_threadpool(db.sessions.start, actor)
    except store.accounts.SignInFailed as exc:
        message = t("account.locked", lang, minutes=settings.LOCKOUT_MINUTES) if exc.reason == "locked" \
            else t("account.invalid", lang)
        return _login_form(lang, nxt, message, 401)
    except (store.StoreMissing, store.StoreCorrupt):
        return _login_form(lang, nxt, t("account.no_store", lang), 503)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(settings.SESSION_HOURS * 3600), httponly=True,
                        samesite="lax", secure=_secure(request), path="/")
    response.delete_cookie(CSRF_COOKIE, path="/account")
    return response


async def logout(request: Request) -> Response:
    lang = _lang(request)
    if request.method == "GET":
        csrf = secrets.token_urlsafe(24)
        e = html.escape
        nxt = safe_next(request.query_params.get("next"))
        body = (f'<form method="post" action="/account/logout?{e(urlencode({"lang": lang}))}">'
                f"<h1>{e(t('account.sign_out', lang))}</h1><p>{e(t('account.sign_out_confirm', lang))}</p>"
                f'<input type="hidden" name="csrf" value="{e(csrf)}"><input type="hidden" name="next" value="{e(nxt)}">'
                f'<button type="submit">{e(t("account.sign_out", lang))}</button>'
                f'<p><a href="{e(nxt)}">{e(t("account.back", lang))}</a></p></form>')
        return _page(lang, t("account.sign_out", lang), body, csrf)
    form = await request.form()
    if not form.get("csrf") or form.get("csrf") != request.cookies.get(CSRF_COOKIE):
        return RedirectResponse(f"/account/logout?{urlencode({'lang': lang})}", status_code=303)
    try:
        db = await run_in_threadpool(store.open_store)
        await run_in_threadpool(db.sessions.end, request.cookies.get(SESSION_COOKIE))
    except (store.StoreMissing, store.StoreCorrupt):
        pass  # the cookie goes anyway
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/account")
    return response


def routes() -> list[Route]:
    return [Route("/account/login", login, methods=["GET", "POST"]),
            Route("/account/logout", logout, methods=["GET", "POST"])]
