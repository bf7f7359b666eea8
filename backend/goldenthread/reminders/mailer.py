"""Sending e-mail through SMTP with ``aiosmtplib``."""

from __future__ import annotations

from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from types import TracebackType

import aiosmtplib

from goldenthread.core.config import Settings
from goldenthread.reminders.rules import Message

DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


class MailerNotConfigured(ValueError):
    """SMTP settings are missing."""


def check_configured(settings: Settings) -> None:
    missing = [
        name
        for name, value in (
            ("GT_SMTP_HOST", settings.smtp_host),
            ("GT_SMTP_SENDER", settings.smtp_sender),
        )
        if not value
    ]
    if missing:
        raise MailerNotConfigured(f"Set {' and '.join(missing)} to send reminders.")


def recipient_address(name: str, email: str) -> Address:
    """The address as a header value; raises ValueError for one that is not an address (so a
    stray line break or comma in a stored address cannot add headers or recipients)."""
    if any(ch in email for ch in '\r\n,;<>"') or email.count("@") != 1:
        raise ValueError(f"not an e-mail address: {email!r}")
    local, _, domain = email.partition("@")
    if not local or not domain:
        raise ValueError(f"not an e-mail address: {email!r}")
    return Address(
        display_name=name.replace("\r", " ").replace("\n", " "), username=local, domain=domain
    )


def build(message: Message, settings: Settings) -> EmailMessage:
    assert settings.smtp_sender
    mail = EmailMessage()
    mail["From"] = settings.smtp_sender
    mail["To"] = recipient_address(message.recipient.name, message.recipient.email)
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(datetime.now(UTC))
    sender_domain = parseaddr(settings.smtp_sender)[1].partition("@")[2] or None
    mail["Message-ID"] = make_msgid(domain=sender_domain)
    # RFC 3834: an automatic message, so auto-responders do not answer it.
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.body)
    return mail


class SmtpMailer:
    """One SMTP connection for a run, opened when the first message is sent."""

    def __init__(self, settings: Settings) -> None:
        check_configured(settings)
        self.settings = settings
        self._smtp: aiosmtplib.SMTP | None = None

    async def __aenter__(self) -> SmtpMailer:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def connected(self) -> bool:
        return self._smtp is not None and self._smtp.is_connected

    async def _connect(self) -> aiosmtplib.SMTP:
        settings = self.settings
        mode = settings.smtp_tls
        smtp = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port or DEFAULT_PORTS[mode],
            use_tls=mode == "tls",
            # False, not None: with "none" the client must not upgrade on its own either.
            start_tls=mode == "starttls",
            timeout=settings.smtp_timeout_seconds,
        )
        await smtp.connect()
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            await smtp.login(settings.smtp_username, password)
        return smtp

    async def send(self, mail: EmailMessage) -> None:
        if not self.connected:
            self._smtp = await self._connect()
        assert self._smtp is not None
        await self._smtp.send_message(mail)

    async def close(self) -> None:
        if self._smtp is not None and self._smtp.is_connected:
            try:
                await self._smtp.quit()
            except aiosmtplib.SMTPException:
                self._smtp.close()
        self._smtp = None
