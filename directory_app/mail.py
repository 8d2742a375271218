"""Sending email: through SMTP when configured, else into an outbox folder.

With no MAIL_SERVER, each message is written to OUTBOX_DIR as an .eml file that
staff can read in the console, so nothing is lost on a machine without mail.
"""

from __future__ import annotations

import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from flask import Flask, current_app


class MailError(Exception):
    """The message could not be handed to the mail server."""


@dataclass(frozen=True)
class Mail:
    """One plain-text message."""

    to: list[str]
    subject: str
    body: str
    reply_to: str | None = None


def send(mail: Mail, app: Flask | None = None) -> str:
    """Send a message; where it went ("smtp" or the outbox file's path)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    message = _message(mail, app.config)
    if app.config.get("MAIL_SERVER"):
        _smtp(message, app.config)
        return "smtp"
    return str(_outbox(message, Path(app.config["OUTBOX_DIR"])))


def _message(mail: Mail, config: Any) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM", "directory@localhost")
    message["To"] = ", ".join(mail.to)
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="directory.local")
    if mail.reply_to:
        message["Reply-To"] = mail.reply_to
    message.set_content(mail.body)
    return message


def _smtp(message: EmailMessage, config: Any) -> None:
    try:
        with smtplib.SMTP(
            config["MAIL_SERVER"], int(config.get("MAIL_PORT", 25)), timeout=20
        ) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"the mail server did not take the message: {exc}") from exc


def _outbox(message: EmailMessage, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(bytes(message))
    tmp.replace(path)
    return path


def outbox(app: Flask) -> list[EmailMessage]:
    """The messages waiting in the outbox folder, oldest first."""
    from email import policy
    from email.parser import BytesParser

    folder = Path(app.config["OUTBOX_DIR"])
    if not folder.exists():
        return []
    paths = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime)
    parser = BytesParser(policy=policy.default)
    return [parser.parsebytes(p.read_bytes()) for p in paths]
