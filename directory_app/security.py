"""Protection every page gets: CSRF on forms, security headers, safe cookies, limits.

Flask-WTF checks a CSRF token on every POST, PUT, PATCH and DELETE; Flask-Limiter
limits what can be abused (sign-in, sign-in links, problem reports). The
Content-Security-Policy allows no inline script and nothing from elsewhere but map
tiles, when a tile server is configured.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_app(app: Flask) -> None:
    """Switch on CSRF checks, rate limits, cookie flags and security headers."""
    secure = app.config.get("SECURE_COOKIES", True)
    app.config.update(
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    csrf.init_app(app)
    limiter.init_app(app)

    @app.after_request
    def headers(response: Response) -> Response:
        for name, value in security_headers(app).items():
            response.headers.setdefault(name, value)
        return response


def security_headers(app: Flask) -> dict[str, str]:
    """The headers sent with every response."""
    images = ["'self'", "data:"]
    tiles = app.config.get("MAP_TILES_URL")
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "SUBDOMAIN"))
        host = parts.netloc.replace("SUBDOMAIN", "*")
        images.append(f"{parts.scheme}://{host}")
    policy = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": " ".join(images),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    found = {
        "Content-Security-Policy": "; ".join(f"{k} {v}" for k, v in policy.items()),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if app.config.get("SECURE_COOKIES", True):
        found["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return found
