"""Call a spider's callback with a made-up response, without a network or a reactor."""

from __future__ import annotations

import json
from typing import Any

from scrapy.http import Request, TextResponse

LOCAL = "http://127.0.0.1:8765"


def respond(request: Request, payload: Any, status: int = 200) -> TextResponse:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return TextResponse(
        request.url, status=status, body=body, request=request, headers={"Content-Type": "application/json"}
    )


def run_callback(request: Request, payload: Any, status: int = 200) -> tuple[list[Request], list[dict]]:
    """(follow-up requests, items) the callback produces for this payload."""
    results = list(request.callback(respond(request, payload, status), **request.cb_kwargs) or [])
    return [r for r in results if isinstance(r, Request)], [r for r in results if not isinstance(r, Request)]
