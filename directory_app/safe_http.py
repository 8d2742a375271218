"""HTTP that never reaches a private address: for fetching links the public typed.

The check happens where the socket is opened, on the address actually used: the
host name is resolved once, every answer is vetted, and the connection goes to the
vetted address (the name still used for TLS and the Host header). So neither a
redirect to an internal host nor a DNS answer pointing inside the network (nor one
that changes between a check and the connect) gets through. Loopback, private,
link-local, carrier-grade NAT, multicast, reserved and unspecified addresses are
refused, except host:port pairs a test allows (its own local server).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class RefusedAddress(requests.ConnectionError):
    """The link points at an address the directory never fetches."""


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address) and ip.sixtofour:
        ip = ip.sixtofour  # 6to4 carries an IPv4 address inside
    cgnat = ipaddress.ip_network("100.64.0.0/10")
    if isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network(
        "fec0::/10"
    ):
        return False  # site-local (deprecated, still routed inside some networks)
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in cgnat)
    )


def vetted_address(host: str, port: int, allowed: Iterable[str] = ()) -> str:
    """The address to connect to for host:port; RefusedAddress if it is private.

    ``allowed`` holds host:port pairs exactly as a link writes them (a test's own
    server, 127.0.0.1:PORT); a name that merely resolves there is still refused.
    """
    if f"{host}:{port}" in set(allowed):
        return host
    try:
        answers = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise requests.ConnectionError(f"the name {host} does not resolve") from exc
    addresses = [str(info[4][0]) for info in answers]
    for address in addresses:
        if not is_public(address):
            raise RefusedAddress(
                f"{host} is at {address}, a private or local address: not fetched"
            )
    return addresses[0]


def _vetting(base: type[HTTPConnection]) -> type[HTTPConnection]:
    class Vetted(base):  # type: ignore[valid-type, misc]
        allowed: tuple[str, ...] = ()

        def _new_conn(self) -> socket.socket:
            host: str = self._dns_host  # type: ignore[has-type]
            self._dns_host = vetted_address(host, self.port, self.allowed)
            return super()._new_conn()

    return Vetted


class _SafeAdapter(HTTPAdapter):
    def __init__(self, allowed: tuple[str, ...], **kwargs: Any) -> None:
        self.allowed = allowed
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        allowed = self.allowed

        class Plain(HTTPConnectionPool):
            ConnectionCls = _vetting(HTTPConnection)

        class Secure(HTTPSConnectionPool):
            ConnectionCls = _vetting(HTTPSConnection)  # type: ignore[assignment]

        for pool in (Plain, Secure):
            pool.ConnectionCls.allowed = allowed  # type: ignore[attr-defined]
        self.poolmanager.pool_classes_by_scheme = {"http": Plain, "https": Secure}


def safe_session(allowed: Iterable[str] = ()) -> requests.Session:
    """A requests session that refuses private addresses (no proxies from the
    environment: a proxy would do the connecting, unchecked)."""
    session = requests.Session()
    session.trust_env = False
    adapter = _SafeAdapter(tuple(allowed), max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "community-directory-link-check/1.0"
    return session


def refusal_in(exc: BaseException) -> RefusedAddress | None:
    """The RefusedAddress behind an error requests raised, if that is what it was."""
    seen: list[BaseException] = [exc]
    while seen:
        current = seen.pop()
        if isinstance(current, RefusedAddress):
            return current
        seen += [a for a in current.args if isinstance(a, BaseException)]
        seen += [e for e in (current.__cause__, current.__context__) if e is not None]
    return None
