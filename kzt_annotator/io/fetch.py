"""Fetch a URL with trafilatura's downloader: the bytes, the final URL and when.

trafilatura gives no reason when a download fails, only a log record; that record is caught here
and turned into one line a user can act on ("did not answer within 20 s", "refused the
connection", "the server answered HTTP 404"). `timeout` bounds connecting and each read;
trafilatura retries a failed read up to twice (its redirect budget), with a short pause, so a
server that never answers fails after about three times the timeout.

Certificates are always checked (trafilatura's fallback to an unchecked connection is turned
off). Addresses on the local network are refused unless `allow_private` is set: a URL the user
typed may point anywhere they choose; links found inside a feed may go only where the feed went.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from kzt_annotator.core.errors import KztError
from kzt_annotator.io.limits import max_file_bytes, megabytes

DEFAULT_TIMEOUT = 20  # seconds


class FetchFailed(KztError):
    """A URL could not be fetched; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    data: bytes
    media_type: str  # from Content-Type, without parameters ("" when not sent)
    fetched_at: datetime  # UTC


class _LastError(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


def check_url(url: str) -> str:
    """The URL stripped; raises FetchFailed unless it is http(s) with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchFailed(
            f"{url or '(empty)'}: not a web address; give one starting with http:// or https://"
        )
    return url


def is_private(url: str) -> bool:
    """Whether the URL's host is this machine or a local-network address (by name or number)."""
    import ipaddress

    host = (urlsplit(url).hostname or "").strip("[]")
    if host in ("localhost",) or host.endswith(".localhost") or host.endswith(".local"):
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False


def fetch(url: str, *, timeout: int = DEFAULT_TIMEOUT, allow_private: bool = False) -> Fetched:
    """GET `url`; raises FetchFailed with the reason (see the module docstring)."""
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import DEFAULT_CONFIG

    url = check_url(url)
    config = copy.deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, int(timeout))))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_file_bytes()))
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    logger = logging.getLogger("trafilatura")
    catcher = _LastError()
    logger.addHandler(catcher)
    try:
        fetched_at = datetime.now(UTC)
        response = fetch_response(url, decode=False, config=config)
    finally:
        logger.removeHandler(catcher)
    if response is None or response.data is None:
        raise FetchFailed(f"{url}: {_reason(' '.join(catcher.messages), timeout)}")
    if response.status != 200:
        raise FetchFailed(f"{url}: the server answered HTTP {response.status}")
    if not response.data:
        raise FetchFailed(f"{url}: the server sent an empty page")
    content_type = (response.headers or {}).get("content-type", "")
    return Fetched(
        url, response.url or url, bytes(response.data), content_type.split(";")[0].strip(), fetched_at
    )


def _reason(log: str, timeout: int) -> str:
    text = log.lower()
    if "ssrf" in text or "non-public address" in text:
        return "the address is on the local network; links in a feed may not point there"
    if "timed out" in text or "timeout" in text:
        return f"did not answer within {timeout} s; try again later or raise --timeout"
    if "refused" in text:
        return "the server refused the connection (nothing is listening there)"
    if "name or service not known" in text or "nodename" in text or "resolution" in text:
        return "the host name was not found; check the address"
    if "certificate" in text or "ssl" in text:
        return "the secure connection failed (certificate not valid)"
    if "max_file_size" in text or "too large" in text:
        return f"the page is over the {megabytes(max_file_bytes())} MB limit"
    return "could not be fetched" + (f" ({log.splitlines()[0][:200]})" if log else "")
