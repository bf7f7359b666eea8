"""Receiving an import file: the raw request body or one file of a multipart form, spooled
to a temporary file as it arrives (never held in memory), hashed, and size-limited.

The request guard middleware leaves bodies under ``/api/v1/imports`` alone, so the limit on
their size is enforced here, on the bytes that actually arrive.
"""

from __future__ import annotations

import codecs
import hashlib
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from python_multipart.exceptions import ParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from goldenthread.core.errors import (
    PROBLEM_JSON,
    FieldError,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_FORMATS = {
    "text/csv": "csv",
    "application/csv": "csv",
    "text/plain": "csv",
    "text/tab-separated-values": "csv",
    XLSX_TYPE: "xlsx",
    "application/json": "json",
}
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json"}
UNDECLARED = ("", "application/octet-stream")
ACCEPTED = "text/csv, " + XLSX_TYPE + ", application/json or multipart/form-data"

DryRun = Annotated[bool, Query(description="Validate and report without writing anything.")]
Sheet = Annotated[
    str | None,
    Query(max_length=100, description="Excel: the worksheet to read (default the first)."),
]


def upload_body(columns: tuple[str, ...], note: str) -> dict[str, Any]:
    """The OpenAPI request body of an endpoint that takes a file of rows with ``columns``:
    CSV, Excel, a JSON array of rows, or the part named 'file' of a form. ``note`` ends the
    description (what the columns hold)."""
    cell = {"type": ["string", "number", "null"]}
    row = {"type": "object", "properties": dict.fromkeys(columns, cell)}
    return {
        "requestBody": {
            "required": True,
            "description": "The file as the body (or as the part named 'file' of a form). "
            f"Columns: {', '.join(columns)}; {note}",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                "application/json": {"schema": {"type": "array", "items": row}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    }


def import_answer(
    body: Any, status_code: int, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An import's summary as the answer: problem+json when the file was refused."""
    media_type = PROBLEM_JSON if status_code >= 400 else "application/json"
    return JSONResponse(body, status_code=status_code, media_type=media_type, headers=headers)


@dataclass
class Upload:
    file: IO[bytes]
    size: int
    digest: str  # SHA-256 of the file's bytes
    format: str  # csv, xlsx or json
    charset: str | None = None  # of a text file, where the sender declared one

    def close(self) -> None:
        self.file.close()


class _Spool:
    def __init__(self, limit: int) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 — closed by Upload
        self.hash = hashlib.sha256()
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise _too_large(self.limit)
        self.hash.update(data)
        self.file.write(data)


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The file is larger than {limit} bytes; split it into smaller files.",
        [FieldError("body", f"larger than {limit} bytes")],
    )


class _FilePart:
    """Feeds the first file of a multipart body (the part named 'file', or the first part
    with a file name) to the spool; other parts are read past."""

    def __init__(self, boundary: bytes, sink: Callable[[bytes], None]) -> None:
        self.sink = sink
        self.headers: dict[str, str] = {}
        self.field = self.value = b""
        self.taking = self.found = False
        self.media_type = self.filename = self.content_type = ""
        self.parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._data,
                "on_part_end": self._end,
            },
        )

    def _begin(self) -> None:
        self.headers, self.field, self.value = {}, b"", b""

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self.field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def _header_end(self) -> None:
        self.headers[self.field.decode("latin-1").lower()] = self.value.decode("latin-1")
        self.field, self.value = b"", b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self.headers.get("content-disposition", ""))
        filename = params.get(b"filename")
        name = params.get(b"name", b"").decode("latin-1")
        self.taking = not self.found and (filename is not None or name == "file")
        if self.taking:
            self.found = True
            self.filename = (filename or b"").decode("utf-8", "replace")
            self.content_type = self.headers.get("content-type", "")
            self.media_type = _media(self.content_type)

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self.taking:
            self.sink(data[start:end])

    def _end(self) -> None:
        self.taking = False


def _media(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str | None:
    """The declared character set, when Python knows it (an unknown one is refused)."""
    _, params = parse_options_header(content_type)
    declared = params.get(b"charset")
    if not declared:
        return None
    name = declared.decode("latin-1").strip().strip('"')
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise UnsupportedMediaType(
            f"The character set {name!r} is not known; send the file as UTF-8."
        ) from exc
    return name


def _format(media_type: str, filename: str, head: bytes) -> str:
    if media_type in MEDIA_FORMATS:
        return MEDIA_FORMATS[media_type]
    if media_type not in UNDECLARED and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f"Send the file as {ACCEPTED}, not {media_type}.")
    if media_type.endswith("+json"):
        return "json"
    extension = PurePosixPath(filename).suffix.lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return "json"
    return "csv"


async def receive_upload(request: Request, max_bytes: int) -> Upload:
    """Spool the request's file; 413 past ``max_bytes``, 415 for an unknown media type."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(max_bytes)
    content_type = request.headers.get("content-type", "")
    media_type = _media(content_type)
    spool = _Spool(max_bytes)
    multipart: _FilePart | None = None
    try:
        if media_type == "multipart/form-data":
            _, params = parse_options_header(content_type)
            boundary = params.get(b"boundary")
            if not boundary:
                raise ValidationFailed(
                    "The multipart body has no boundary.", [FieldError("body", "no boundary")]
                )
            multipart = _FilePart(boundary, spool.write)
        elif media_type not in MEDIA_FORMATS and media_type not in UNDECLARED:
            _format(media_type, "", b"")  # raises 415 before the body is read
        received = 0
        async for chunk in request.stream():
            if multipart is None:
                spool.write(chunk)
            else:
                received += len(chunk)
                if received > max_bytes:
                    raise _too_large(max_bytes)
                try:
                    multipart.parser.write(chunk)
                except ParseError as exc:
                    raise ValidationFailed(
                        "The multipart body is malformed.", [FieldError("body", "malformed")]
                    ) from exc
        if multipart is not None:
            try:
                multipart.parser.finalize()
            except ParseError as exc:
                raise ValidationFailed(
                    "The multipart body is malformed.", [FieldError("body", "malformed")]
                ) from exc
            media_type, filename = multipart.media_type, multipart.filename
            if not multipart.found:
                raise ValidationFailed(
                    "The form has no file: send it in a part named 'file'.",
                    [FieldError("file", "required")],
                )
        else:
            filename = ""
        if spool.size == 0:
            raise ValidationFailed("The file is empty.", [FieldError("body", "empty")])
        spool.file.seek(0)
        head = spool.file.read(64)
        spool.file.seek(0)
        file_format = _format(media_type, filename, head)
        charset = _charset(multipart.content_type if multipart else content_type)
    except BaseException:
        spool.file.close()
        raise
    return Upload(spool.file, spool.size, spool.hash.hexdigest(), file_format, charset)


@asynccontextmanager
async def received_upload(request: Request, max_bytes: int) -> AsyncIterator[Upload]:
    """``receive_upload`` for a ``with`` block: the spooled file is closed when it ends."""
    upload = await receive_upload(request, max_bytes)
    try:
        yield upload
    finally:
        upload.close()
