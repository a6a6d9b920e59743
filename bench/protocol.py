"""A reader's Streamlit session spoken over the server's websocket, without a browser.

A browser costs a load test more CPU than the server it is meant to load (eight headless Chromium
tabs drawing maps saturate two cores), so the load test speaks the protocol the browser speaks:
it sends the same ``BackMsg.rerun_script`` messages the front end sends when a page opens, a
widget changes or the reader switches page (recorded from Chromium against this app), and reads
the ``ForwardMsg`` stream the server answers with until the script has finished. What it does not
do is draw: the elements are kept as protobufs for the caller to check.

One ``Session`` is one websocket, hence one Streamlit session with its own session state. Behind
the proxy of ``make serve`` it also keeps the cookies a browser keeps (the one naming its worker):
it loads the page first, as a browser does, and sends them with the websocket and every download.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus
RUN_TIMEOUT_S = 120.0
WORKER_COOKIE = "childsdg_worker"  # set by the proxy of ``make serve`` (deploy/haproxy.cfg.template)


class ProtocolError(RuntimeError):
    """The server answered in a way a browser would show as broken: closed socket, compile error, timeout."""


@dataclass
class Run:
    """What one script run sent: its elements in order, the URL it left, and how long it took."""

    elements: list = field(default_factory=list)  # streamlit.proto.Element, in the order they arrived
    query: dict[str, list[str]] = field(default_factory=dict)  # the page's URL parameters after the run
    server_ms: float = 0.0  # from sending the request to the script's "finished"
    bytes_received: int = 0

    def widget(self, key: str):
        """The widget element created with ``key=key`` (Streamlit ends its id with ``-<key>``)."""
        for element in self.elements:
            kind = element.WhichOneof("type")
            if getattr(getattr(element, kind), "id", "").endswith(f"-{key}"):
                return getattr(element, kind)
        raise KeyError(f"no widget with key {key!r} on the page")

    def of_kind(self, kind: str) -> list:
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    @property
    def exceptions(self) -> list[str]:
        return [f"{e.type}: {e.message}"[:300] for e in self.of_kind("exception")]

    def plotly_specs(self) -> list[dict]:
        return [json.loads(chart.spec) for chart in self.of_kind("plotly_chart")]


class Session:
    """One reader: a websocket to ``/_stcore/stream``, the page it is on, and the URL it holds."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page script hash
        self.page_hash = ""
        self.query_string = ""
        self.session_id = ""  # the server's id of this session, which backend requests must carry
        self._socket = None
        self._cached: dict[str, ForwardMsg] = {}  # cacheable messages by hash, for "ref_hash" replies
        self.cookies: dict[str, str] = {}  # what the server (or the proxy) asked this browser to keep

    @property
    def worker(self) -> str | None:
        """The worker the proxy pinned this reader to (None without a proxy)."""
        return self.cookies.get(WORKER_COOKIE)

    async def open(self, path: str, query_string: str = "") -> Run:
        """Connect and load ``/path?query_string``, as a browser tab opening a link does."""
        host = self.base_url.split("://", 1)[1]
        if not self.cookies:
            _, headers = await asyncio.to_thread(_fetch, f"{self.base_url}/{path}", {})
            self._keep_cookies(headers.get_all("Set-Cookie") or [])
        self._socket = await websockets.connect(
            f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=self.base_url,
            max_size=None, open_timeout=30, ping_interval=None, additional_headers=self._cookie_header())
        self._keep_cookies(self._socket.response.headers.get_all("Set-Cookie"))
        self.query_string = query_string
        request = self._request(page_name=path)
        return await self._run(request)

    async def change(self, values: dict[str, object], last: Run) -> Run:
        """Set widgets (by their keys) to ``values`` and rerun, as a reader's click does.

        ``last`` is the run that drew the widgets; only the changed widgets are sent, the server
        keeps the others' values in the session.
        """
        request = self._request()
        for key, value in values.items():
            request.rerun_script.widget_states.widgets.append(_widget_state(last.widget(key), value))
        return await self._run(request)

    async def switch(self, path: str, query_string: str = "") -> Run:
        """Go to another page of the app in the same session, as the sidebar's links do."""
        self.query_string = query_string
        return await self._run(self._request(page_hash=self.pages[path]))

    async def download(self, button) -> bytes:
        """Click a lazy ``st.download_button``: the server builds the file, then the browser fetches it.

        The front end asks for the deferred file over the websocket, gets back a media URL, and
        downloads it over HTTP; so does this.
        """
        message = BackMsg()
        message.backend_operation_request.request_id = request_id = uuid.uuid4().hex
        message.backend_operation_request.session_id = self.session_id
        message.backend_operation_request.deferred_file.file_id = button.deferred_file_id
        await self._socket.send(message.SerializeToString())
        async for frame in self._frames(f"no file for {button.label!r}"):
            answer = self._message(frame)
            if answer.WhichOneof("type") == "backend_operation_response" and \
                    answer.backend_operation_response.request_id == request_id:
                break
        response = answer.backend_operation_response
        if response.error_msg:
            raise ProtocolError(f"{button.label!r}: {response.error_msg}")
        content, headers = await asyncio.to_thread(_fetch, urljoin(self.base_url + "/", response.deferred_file.url),
                                                   self._cookie_header())
        self._keep_cookies(headers.get_all("Set-Cookie") or [])
        return content

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    def _keep_cookies(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def _request(self, page_name: str = "", page_hash: str | None = None) -> BackMsg:
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = page_name
        rerun.page_script_hash = self.page_hash if page_hash is None else page_hash
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        rerun.context_info.url = f"{self.base_url}/{page_name}"
        rerun.widget_states.SetInParent()
        return message

    async def _run(self, request: BackMsg) -> Run:
        """Send ``request``; collect the answer until the script finishes (a rerun it asked for included)."""
        run = Run()
        started = time.perf_counter()
        await self._socket.send(request.SerializeToString())
        async for frame in self._frames("no 'script finished'"):
            run.bytes_received += len(frame)
            message = self._message(frame)
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                run.elements.append(message.delta.new_element)
            elif kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "script_finished":
                if message.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the page script did not compile")
                if message.script_finished in (FINISHED.FINISHED_SUCCESSFULLY,
                                               FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    break
                run.elements.clear()  # stopped early for a rerun: the next run redraws the page
        run.server_ms = (time.perf_counter() - started) * 1000
        run.query = parse_qs(self.query_string)
        return run

    async def _frames(self, waiting_for: str):
        """The server's frames as they come, for at most RUN_TIMEOUT_S; a timeout or a close is a ProtocolError."""
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            try:
                yield await asyncio.wait_for(self._socket.recv(), max(0.0, deadline - time.monotonic()))
            except TimeoutError as exc:
                raise ProtocolError(f"{waiting_for} within {RUN_TIMEOUT_S:.0f} s") from exc
            except websockets.ConnectionClosed as exc:
                raise ProtocolError(f"the server closed the websocket: {exc}") from exc

    def _message(self, frame: bytes) -> ForwardMsg:
        message = ForwardMsg()
        message.ParseFromString(frame)
        if message.WhichOneof("type") == "ref_hash":
            if message.ref_hash not in self._cached:
                raise ProtocolError(f"the server referred to a message never sent: {message.ref_hash}")
            return self._cached[message.ref_hash]
        if message.metadata.cacheable:
            self._cached[message.hash] = message
        return message


def _fetch(url: str, headers: dict[str, str]):
    """GET ``url``: the body and the response's headers (for their Set-Cookie)."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=RUN_TIMEOUT_S) as response:
        return response.read(), response.headers


def _widget_state(widget, value) -> WidgetState:
    """The state the front end sends for ``widget`` holding ``value``: a label for a selectbox or radio,
    numbers for a slider, labels for a multiselect, JSON text for a chart's selection."""
    state = WidgetState(id=widget.id)
    kind = type(widget).__name__
    if kind in ("Selectbox", "Radio", "TextInput", "PlotlyChart"):  # a chart's selection is JSON text
        state.string_value = str(value)
    elif kind == "Checkbox":
        state.bool_value = bool(value)
    elif kind == "Slider":
        state.double_array_value.data.extend(float(v) for v in (value if isinstance(value, (list, tuple)) else [value]))
    elif kind == "MultiSelect":
        state.string_array_value.data.extend(str(v) for v in value)
    else:
        raise TypeError(f"no widget state for a {kind}")
    return state
