"""Operations endpoints: /healthz for probes and /metrics for Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from monitor.web import build
from monitor.web.auth import authorize
from monitor.web.context import Ctx
from monitor.web.views import HealthView

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=HealthView, responses={503: {"model": HealthView}})
def healthz(ctx: Ctx) -> JSONResponse:
    """200 when the database answers and the scheduler's last tick succeeded, else 503."""
    view = build.health(ctx.db, ctx.state, ctx.clock())
    return JSONResponse(jsonable_encoder(view), status_code=200 if view.status == "ok" else 503)


# /healthz stays open for probes (the image's HEALTHCHECK); /metrics needs a token
# beyond loopback like every other page (Prometheus sends one: `authorization`).
@router.get("/metrics", response_class=Response, dependencies=[Depends(authorize)])
def metrics(ctx: Ctx) -> Response:
    """Prometheus text format, counted from the database at scrape time."""
    return Response(generate_latest(ctx.registry), media_type=CONTENT_TYPE_LATEST)
